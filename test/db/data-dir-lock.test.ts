import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, expect, it } from "vitest";
import { DataDirInUseError, lockDataDir } from "../../src/db/data-dir-lock.ts";

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

it("keeps a second process out of a data folder in use", async () => {
  dir = mkdtempSync(path.join(tmpdir(), "lock-"));
  const other = spawn(process.execPath, ["-e", "setTimeout(() => {}, 10000)"]);
  try {
    writeFileSync(path.join(dir, "bot.lock"), String(other.pid));
    expect(() => lockDataDir(dir)).toThrow(DataDirInUseError);
  } finally {
    other.kill();
  }
});

it("takes over a lock left by a process that is gone, and releases it", () => {
  dir = mkdtempSync(path.join(tmpdir(), "lock-"));
  writeFileSync(path.join(dir, "bot.lock"), "999999999");
  const unlock = lockDataDir(dir);
  unlock();
  lockDataDir(dir)();
});
