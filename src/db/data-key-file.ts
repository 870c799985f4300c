// Development without DATA_KEYS: keys generated once and kept in DATA_DIR
// (readable by the owner only), so `npm start` needs nothing and a restart
// still opens what was stored. Production takes its keys from env and never
// comes here (src/config.ts refuses to start without them).
import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { DataKeyError, type DataKeys, parseDataKeys, parseKeyBytes } from "./field-cipher.ts";

export const DATA_KEY_FILE = "data-keys.json";

const keyFileSchema = z.object({ DATA_KEYS: z.string(), DATA_INDEX_KEY: z.string() });

export type KeyFile = { keys: DataKeys; file: string; created: boolean };

export function loadOrCreateKeyFile(dataDir: string): KeyFile {
  const file = path.resolve(dataDir, DATA_KEY_FILE);
  const created = !existsSync(file) && createKeyFile(file);
  chmodSync(file, 0o600);
  const parsed = keyFileSchema.safeParse(JSON.parse(readFileSync(file, "utf8")));
  if (!parsed.success) throw new DataKeyError(`${file} is not a key file this bot wrote`);
  return {
    keys: {
      dataKeys: parseDataKeys(parsed.data.DATA_KEYS),
      indexKey: parseKeyBytes(parsed.data.DATA_INDEX_KEY, "DATA_INDEX_KEY"),
    },
    file,
    created,
  };
}

/** False when another process created it first ("wx": nobody overwrites keys already in use). */
function createKeyFile(file: string): boolean {
  mkdirSync(path.dirname(file), { recursive: true });
  const contents = {
    DATA_KEYS: `dev-${Date.now().toString(36)}:${randomBytes(32).toString("base64")}`,
    DATA_INDEX_KEY: randomBytes(32).toString("base64"),
  };
  try {
    writeFileSync(file, `${JSON.stringify(contents, null, 2)}\n`, { mode: 0o600, flag: "wx" });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  }
}
