// Applies prisma/migrations/*/migration.sql at start-up. `prisma migrate deploy`
// cannot be used: with @prisma/adapter-pg it fails on columns of type `name`
// (open Prisma bug), and its native engine would be downloaded at run time.
// We keep Prisma's bookkeeping table and checksums, so `prisma migrate status`
// run elsewhere with the native engine agrees with what we applied.
import { createHash, randomUUID } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { SqlConnection } from "./sql-connection.ts";

export type Migration = { name: string; sql: string; checksum: string };

// Prisma's own advisory lock key: two instances (or an instance and the Prisma
// CLI) starting together apply each migration once.
const PRISMA_MIGRATE_LOCK_KEY = 72707369;

const CREATE_MIGRATIONS_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
);`;

export const defaultMigrationsDir = path.resolve(import.meta.dirname, "../../prisma/migrations");

export function readMigrations(dir: string = defaultMigrationsDir): Migration[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(path.join(dir, entry.name, "migration.sql")))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const bytes = readFileSync(path.join(dir, name, "migration.sql"));
      return { name, sql: bytes.toString("utf8"), checksum: createHash("sha256").update(bytes).digest("hex") };
    });
}

type AppliedRow = { migration_name: string; checksum: string; finished_at: Date | null; rolled_back_at: Date | null };

export class MigrationError extends Error {
  override name = "MigrationError";
}

/** Applies the migrations not yet applied, in order, each in its own transaction. Returns their names. */
export async function applyMigrations(
  connection: SqlConnection,
  migrations: Migration[] = readMigrations(),
): Promise<string[]> {
  await connection.query("SELECT pg_advisory_lock($1)", [PRISMA_MIGRATE_LOCK_KEY]);
  try {
    await connection.exec(CREATE_MIGRATIONS_TABLE);
    const applied = await appliedMigrations(connection);
    const newlyApplied: string[] = [];
    for (const migration of migrations) {
      const previous = applied.get(migration.name);
      if (previous) {
        checkUnchanged(migration, previous);
        continue;
      }
      await applyOne(connection, migration);
      newlyApplied.push(migration.name);
    }
    return newlyApplied;
  } finally {
    await connection.query("SELECT pg_advisory_unlock($1)", [PRISMA_MIGRATE_LOCK_KEY]);
  }
}

async function appliedMigrations(connection: SqlConnection): Promise<Map<string, AppliedRow>> {
  const rows = await connection.query<AppliedRow>(
    `SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL`,
  );
  return new Map(rows.map((row) => [row.migration_name, row]));
}

function checkUnchanged(migration: Migration, applied: AppliedRow): void {
  if (applied.finished_at === null) {
    throw new MigrationError(
      `Migration ${migration.name} was started but never finished; inspect the database before going on`,
    );
  }
  if (applied.checksum !== migration.checksum) {
    throw new MigrationError(
      `Migration ${migration.name} was changed after it was applied; add a new migration instead`,
    );
  }
}

async function applyOne(connection: SqlConnection, migration: Migration): Promise<void> {
  await connection.exec("BEGIN");
  try {
    // An index on a large table may take longer than the pool allows a statement.
    await connection.exec("SET LOCAL statement_timeout = 0");
    await connection.exec(migration.sql);
    await connection.query(
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
       VALUES ($1, $2, $3, now(), now(), 1)`,
      [randomUUID(), migration.checksum, migration.name],
    );
    await connection.exec("COMMIT");
  } catch (error) {
    await connection.exec("ROLLBACK");
    throw new MigrationError(`Migration ${migration.name} failed: ${(error as Error).message}`, { cause: error });
  }
}

/** Names of the known migrations that are not applied and finished (readiness: a database restored from an old backup). */
export async function missingMigrations(connection: SqlConnection, migrations: Migration[]): Promise<string[]> {
  const rows = await connection.query<{ migration_name: string }>(
    `SELECT migration_name FROM "_prisma_migrations" WHERE rolled_back_at IS NULL AND finished_at IS NOT NULL`,
  );
  const applied = new Set(rows.map((row) => row.migration_name));
  return migrations.filter((migration) => !applied.has(migration.name)).map((migration) => migration.name);
}
