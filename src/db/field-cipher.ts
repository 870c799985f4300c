// Personal data at rest. Each value is sealed with AES-256-GCM under a random
// 96-bit nonce; the id of the key travels with the value, so keys rotate
// without a flag day, and the column is the associated data, so a value
// copied into another column does not open. Look-ups by IIN go through a
// blind index (HMAC-SHA256 under a key of its own, one derived key per index,
// as in CipherSweet): the database matches equal values without holding them.
// Repositories seal on the way in and open on the way out; the domain and
// the bot never see ciphertext.
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from "node:crypto";

export type DataKey = { id: string; key: Buffer };

/** The first data key seals; every one of them opens. */
export type DataKeys = { dataKeys: DataKey[]; indexKey: Buffer };

/** The columns that hold sealed values, named as the associated data. */
export type SealedColumn =
  | "applicant.iin"
  | "applicant.phone"
  | "application.iin"
  | "application.form"
  | "otp_challenge.phone"
  | "conversation_state.value"
  | "conversation_state.pending"
  | "conversation_state.prompt"
  | "inbound_update.payload"
  | "appeal.content"
  | "appeal.iin"
  | "complaint.subject"
  | "complaint.late_reason"
  | "complaint.essence"
  | "complaint.full_name"
  | "complaint.iin"
  | "complaint.phone";

export type BlindIndexName = "iin";

export const SEALED_PREFIX = "enc:v1:";
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
export const KEY_ID_PATTERN = /^[A-Za-z0-9-]{1,32}$/;

export class DataKeyError extends Error {
  override name = "DataKeyError";
}

export type FieldCipher = {
  readonly currentKeyId: string;
  seal(column: SealedColumn, plaintext: string): string;
  /** Opens a sealed value; a value stored before encryption came in is returned as it is. */
  open(column: SealedColumn, stored: string): string;
  sealJson(column: SealedColumn, value: unknown): string;
  openJson(column: SealedColumn, stored: string): unknown;
  blindIndex(name: BlindIndexName, value: string): string;
};

/** The key a stored value is sealed under; undefined for a value stored in clear (before encryption came in). */
export function keyIdOf(stored: string): string | undefined {
  if (!stored.startsWith(SEALED_PREFIX)) return undefined;
  const end = stored.indexOf(":", SEALED_PREFIX.length);
  return end === -1 ? undefined : stored.slice(SEALED_PREFIX.length, end);
}

export function createFieldCipher(keys: DataKeys): FieldCipher {
  const [current] = keys.dataKeys;
  if (!current) throw new DataKeyError("at least one data key is needed");
  const byId = new Map(keys.dataKeys.map((entry) => [entry.id, entry.key]));
  // One key per index from the index key, so two indexes never share values.
  const indexKeys = new Map<BlindIndexName, Buffer>([["iin", derive(keys.indexKey, "blind-index:iin")]]);

  const seal = (column: SealedColumn, plaintext: string): string => {
    const nonce = randomBytes(NONCE_BYTES);
    const cipher = createCipheriv("aes-256-gcm", current.key, nonce);
    cipher.setAAD(Buffer.from(column));
    const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
    const sealed = Buffer.concat([nonce, body, cipher.getAuthTag()]);
    return `${SEALED_PREFIX}${current.id}:${sealed.toString("base64")}`;
  };

  const open = (column: SealedColumn, stored: string): string => {
    const keyId = keyIdOf(stored);
    if (keyId === undefined) return stored;
    const key = byId.get(keyId);
    if (!key) throw new DataKeyError(`a value of ${column} is sealed under key "${keyId}", which DATA_KEYS lacks`);
    const sealed = Buffer.from(stored.slice(SEALED_PREFIX.length + keyId.length + 1), "base64");
    const decipher = createDecipheriv("aes-256-gcm", key, sealed.subarray(0, NONCE_BYTES));
    decipher.setAAD(Buffer.from(column));
    decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
    try {
      return Buffer.concat([
        decipher.update(sealed.subarray(NONCE_BYTES, sealed.length - TAG_BYTES)),
        decipher.final(),
      ]).toString("utf8");
    } catch {
      throw new DataKeyError(`a value of ${column} under key "${keyId}" does not open (altered, or another key)`);
    }
  };

  return {
    currentKeyId: current.id,
    seal,
    open,
    sealJson: (column, value) => seal(column, JSON.stringify(value)),
    openJson: (column, stored) => JSON.parse(open(column, stored)),
    blindIndex: (name, value) => {
      const key = indexKeys.get(name);
      if (!key) throw new DataKeyError(`no blind index named ${name}`);
      return createHmac("sha256", key).update(value, "utf8").digest("hex");
    },
  };
}

function derive(key: Buffer, purpose: string): Buffer {
  return createHmac("sha256", key).update(purpose, "utf8").digest();
}

/** Parses `id:base64,id:base64` (DATA_KEYS); throws with what is wrong, never with a key. */
export function parseDataKeys(list: string): DataKey[] {
  const entries = list
    .split(",")
    .map((entry) => entry.trim())
    .filter((entry) => entry !== "");
  if (entries.length === 0) throw new DataKeyError("no key given");
  const keys = entries.map((entry, position) => {
    const colon = entry.indexOf(":");
    const id = colon === -1 ? "" : entry.slice(0, colon);
    if (!KEY_ID_PATTERN.test(id)) {
      throw new DataKeyError(`key ${position + 1} needs an id of letters, digits or "-" before a colon`);
    }
    return { id, key: parseKeyBytes(entry.slice(colon + 1), `key "${id}"`) };
  });
  const ids = new Set(keys.map((key) => key.id));
  if (ids.size !== keys.length) throw new DataKeyError("two keys have the same id");
  return keys;
}

/** A base64 key of exactly 32 bytes. */
export function parseKeyBytes(base64: string, what: string): Buffer {
  const bytes = Buffer.from(base64, "base64");
  if (bytes.length !== 32 || bytes.toString("base64") !== base64.replace(/\s/g, "")) {
    throw new DataKeyError(`${what} must be 32 bytes in base64 (openssl rand -base64 32)`);
  }
  return bytes;
}
