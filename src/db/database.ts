// Opens storage: PostgreSQL when DATABASE_URL is set, otherwise an embedded
// PGlite in DATA_DIR, so `npm start` works with nothing installed. Both get
// the same migrations before the Prisma client is handed out.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import type { Config } from "../config.ts";
import { lockDataDir } from "./data-dir-lock.ts";
import { PrismaClient } from "./generated/client.ts";
import { applyMigrations, type Migration, readMigrations } from "./migrate.ts";
import { pgliteConnection, postgresConnection } from "./sql-connection.ts";
import { createUnitOfWork, type UnitOfWork } from "./unit-of-work.ts";

export type Database = {
  /** What services use: repositories and transactions. */
  work: UnitOfWork;
  /** The client itself, for migrations, scripts and tests that look into the tables. */
  prisma: PrismaClient;
  kind: "postgres" | "pglite";
  /** Names of the migrations this start applied (empty when up to date). */
  appliedMigrations: string[];
  close(): Promise<void>;
};

export type OpenOptions = {
  migrationsDir?: string;
  /** Called when the server drops an idle connection (restart, failover); the pool reconnects by itself. */
  onConnectionError?: (error: Error) => void;
};

export async function openDatabase(settings: Config["database"], options: OpenOptions = {}): Promise<Database> {
  const migrations = readMigrations(options.migrationsDir);
  return settings.kind === "postgres"
    ? openPostgres(settings.url, migrations, options.onConnectionError ?? (() => {}))
    : openPglite(settings.dataDir, migrations);
}

async function openPostgres(
  url: string,
  migrations: Migration[],
  onConnectionError: (error: Error) => void,
): Promise<Database> {
  // UTC sessions: the adapter sends timestamps without an offset
  // (prisma/prisma#26786), so a server in Asia/Almaty would shift them.
  const pool = new pg.Pool({ connectionString: url, max: 10, options: "-c TimeZone=UTC" });
  // Without a listener, an idle connection closed by the server crashes the process.
  pool.on("error", onConnectionError);
  try {
    const connection = await postgresConnection(pool);
    let appliedMigrations: string[];
    try {
      appliedMigrations = await applyMigrations(connection, migrations);
    } finally {
      await connection.release();
    }
    return databaseOver(new PrismaClient({ adapter: new PrismaPg(pool) }), "postgres", appliedMigrations, () =>
      pool.end(),
    );
  } catch (error) {
    await pool.end();
    throw error;
  }
}

async function openPglite(dataDir: string, migrations: Migration[]): Promise<Database> {
  const directory = path.resolve(dataDir, "pglite");
  mkdirSync(directory, { recursive: true });
  const unlock = lockDataDir(path.resolve(dataDir));
  let db: PGlite;
  try {
    db = await PGlite.create(directory);
  } catch (error) {
    unlock();
    throw error;
  }
  try {
    const appliedMigrations = await applyMigrations(pgliteConnection(db), migrations);
    return databaseOver(new PrismaClient({ adapter: new PrismaPGlite(db) }), "pglite", appliedMigrations, async () => {
      await db.close();
      unlock();
    });
  } catch (error) {
    await db.close();
    unlock();
    throw error;
  }
}

function databaseOver(
  prisma: PrismaClient,
  kind: Database["kind"],
  appliedMigrations: string[],
  closeDriver: () => Promise<void>,
): Database {
  return {
    work: createUnitOfWork(prisma),
    prisma,
    kind,
    appliedMigrations,
    close: async () => {
      await prisma.$disconnect();
      await closeDriver();
    },
  };
}
