// The committed migrations produce exactly prisma/schema.prisma: running
// `npm run db:migration` now finds nothing to write. Also proves the Prisma
// CLI diffs offline (WebAssembly engine, in-memory PGlite).
import { execFileSync } from "node:child_process";
import { readdirSync } from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");
const migrationsDir = path.join(root, "prisma/migrations");

it("has no schema change without a migration", () => {
  const before = readdirSync(migrationsDir);
  const output = execFileSync(process.execPath, ["--import", "tsx", "scripts/make-migration.ts", "sync_check"], {
    cwd: root,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
  expect(output).toContain("no changes since the last migration");
  expect(readdirSync(migrationsDir)).toEqual(before);
});
