// The embedded database is a folder that only one process may open: a second
// `npm start` on the same DATA_DIR would corrupt it. A lock file holding the
// owner's pid keeps it out; a lock left by a crashed process is taken over.
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

export class DataDirInUseError extends Error {
  override name = "DataDirInUseError";
}

export function lockDataDir(directory: string): () => void {
  const lockPath = path.join(directory, "bot.lock");
  try {
    writeFileSync(lockPath, String(process.pid), { flag: "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    const owner = Number(readFileSync(lockPath, "utf8"));
    if (owner !== process.pid && isRunning(owner)) {
      throw new DataDirInUseError(
        `${directory} is in use by another running bot (pid ${owner}); stop it or set another DATA_DIR`,
      );
    }
    writeFileSync(lockPath, String(process.pid));
  }
  return () => rmSync(lockPath, { force: true });
}

function isRunning(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
