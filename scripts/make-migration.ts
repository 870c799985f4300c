// npm run db:migration -- <name>
// Writes prisma/migrations/<timestamp>_<name>/migration.sql: the SQL that takes
// the schema as of the last migration to prisma/schema.prisma. Each migration
// folder keeps a copy of the schema it produces (schema.prisma), because
// `prisma migrate diff --from-migrations` fails offline with driver adapters
// (multi-statement prepared query) and needs a shadow database anyway.
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const migrationsDir = path.join(root, "prisma/migrations");
const schemaPath = path.join(root, "prisma/schema.prisma");

function main(): void {
  const name = process.argv[2];
  if (!name || !/^[a-z][a-z0-9_]*$/.test(name)) {
    console.error("Usage: npm run db:migration -- <name>   (lower case letters, digits and _; e.g. add_appeals)");
    process.exit(1);
  }
  const from = lastSchemaSnapshot();
  const sql = diff(from);
  if (!/^\s*(CREATE|ALTER|DROP|INSERT|UPDATE|DELETE|COMMENT)\b/im.test(sql)) {
    console.log("prisma/schema.prisma has no changes since the last migration; nothing written.");
    return;
  }
  const folder = path.join(migrationsDir, `${timestamp(new Date())}_${name}`);
  mkdirSync(folder, { recursive: true });
  writeFileSync(path.join(folder, "migration.sql"), sql.trimStart());
  copyFileSync(schemaPath, path.join(folder, "schema.prisma"));
  console.log(`Wrote ${path.relative(root, folder)}/migration.sql; it is applied at the next start.`);
}

function lastSchemaSnapshot(): string | undefined {
  if (!existsSync(migrationsDir)) return undefined;
  const folders = readdirSync(migrationsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  const last = folders.at(-1);
  if (!last) return undefined;
  const snapshot = path.join(migrationsDir, last, "schema.prisma");
  if (!existsSync(snapshot)) throw new Error(`${snapshot} is missing: cannot tell what the last migration produced`);
  return snapshot;
}

function diff(fromSchema: string | undefined): string {
  const from = fromSchema ? ["--from-schema-datamodel", fromSchema] : ["--from-empty"];
  return execFileSync(
    path.join(root, "node_modules/.bin/prisma"),
    ["migrate", "diff", ...from, "--to-schema-datamodel", schemaPath, "--script"],
    { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] },
  );
}

function timestamp(now: Date): string {
  return now.toISOString().replace(/\D/g, "").slice(0, 14);
}

main();
