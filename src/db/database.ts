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
import { type RotationReport, runDataTasks } from "./data-rotation.ts";
import type { FieldCipher } from "./field-cipher.ts";
import { PrismaClient } from "./generated/client.ts";
import { type InstanceLocks, postgresInstanceLocks, singleInstanceLocks } from "./instance-locks.ts";
import { applyMigrations, type Migration, missingMigrations, readMigrations } from "./migrate.ts";
import { pgliteSql, postgresSql, type SqlDriver } from "./sql-client.ts";
import { pgliteConnection, postgresConnection, type SqlConnection } from "./sql-connection.ts";
import { createUnitOfWork, type UnitOfWork } from "./unit-of-work.ts";

export type Database = {
  /** What services use: repositories and transactions. */
  work: UnitOfWork;
  /** The client itself, for migrations, scripts and tests that look into the tables. */
  prisma: PrismaClient;
  kind: "postgres" | "pglite";
  /** What seals personal data in the tables (for rotation, and tests that look into the tables). */
  cipher: FieldCipher;
  /** Names of the migrations this start applied (empty when up to date). */
  appliedMigrations: string[];
  /** What this start sealed of the rows a migration left in clear (undefined: nothing was left). */
  sealedAtStart: RotationReport | undefined;
  /** A raw connection for maintenance (rotation of keys), released after `work`. */
  withConnection<T>(work: (connection: SqlConnection) => Promise<T>): Promise<T>;
  /** Chat locks and the polling leader, across every instance on this database. */
  locks: InstanceLocks;
  /** Readiness: resolves when the database answers and every known migration is applied; rejects with why not. */
  check(timeoutMs: number): Promise<void>;
  /** Connections of the pool (PostgreSQL only). */
  pool(): { inUse: number; idle: number; waiting: number } | undefined;
  close(): Promise<void>;
};

/** The longest statement; migrations lift it for themselves (src/db/migrate.ts). */
const STATEMENT_TIMEOUT_MS = 30_000;
const POOL_SIZE = 10;
/** Two connections stay for single statements (a turn's read) while transactions queue. */
const POSTGRES_TRANSACTION_SLOTS = POOL_SIZE - 2;

export type OpenOptions = {
  /** Seals and opens personal data (src/db/field-cipher.ts). */
  cipher: FieldCipher;
  migrationsDir?: string;
  /** Called when the server drops an idle connection (restart, failover); the pool reconnects by itself. */
  onConnectionError?: (error: Error) => void;
};

export async function openDatabase(settings: Config["database"], options: OpenOptions): Promise<Database> {
  const migrations = readMigrations(options.migrationsDir);
  return settings.kind === "postgres"
    ? openPostgres(settings.url, migrations, options.cipher, options.onConnectionError ?? (() => {}))
    : openPglite(settings.dataDir, migrations, options.cipher);
}

/** Migrations, then what they left for the application to do with the keys. */
async function prepare(connection: SqlConnection, migrations: Migration[], cipher: FieldCipher) {
  const appliedMigrations = await applyMigrations(connection, migrations);
  const sealedAtStart = await runDataTasks(connection, cipher);
  return { appliedMigrations, sealedAtStart };
}

async function openPostgres(
  url: string,
  migrations: Migration[],
  cipher: FieldCipher,
  onConnectionError: (error: Error) => void,
): Promise<Database> {
  // UTC sessions: the adapter sends timestamps without an offset
  // (prisma/prisma#26786), so a server in Asia/Almaty would shift them.
  const pool = new pg.Pool({
    connectionString: url,
    max: POOL_SIZE,
    // Bounded everywhere: a database that hangs fails the update (the person
    // is asked to try again) instead of holding it, and the pool, forever.
    connectionTimeoutMillis: 5_000,
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
    statement_timeout: STATEMENT_TIMEOUT_MS,
    query_timeout: STATEMENT_TIMEOUT_MS + 5_000,
    options: "-c TimeZone=UTC",
  });
  // Without a listener, an idle connection closed by the server crashes the process.
  pool.on("error", onConnectionError);
  try {
    const withConnection = async <T>(work: (connection: SqlConnection) => Promise<T>): Promise<T> => {
      const connection = await postgresConnection(pool);
      try {
        return await work(connection);
      } finally {
        await connection.release();
      }
    };
    const prepared = await withConnection((connection) => prepare(connection, migrations, cipher));
    const locks = postgresInstanceLocks(url, onConnectionError);
    return databaseOver(new PrismaClient({ adapter: new PrismaPg(pool) }), {
      kind: "postgres",
      driver: postgresSql(pool),
      transactionSlots: POSTGRES_TRANSACTION_SLOTS,
      cipher,
      ...prepared,
      withConnection,
      locks,
      check: (timeoutMs) => withinTime(withConnection(checkMigrations(migrations)), timeoutMs),
      pool: () => ({
        inUse: pool.totalCount - pool.idleCount,
        idle: pool.idleCount,
        waiting: pool.waitingCount,
      }),
      closeDriver: async () => {
        await locks.close();
        await pool.end();
      },
    });
  } catch (error) {
    await pool.end();
    throw error;
  }
}

async function openPglite(dataDir: string, migrations: Migration[], cipher: FieldCipher): Promise<Database> {
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
    const connection = pgliteConnection(db);
    const prepared = await prepare(connection, migrations, cipher);
    return databaseOver(new PrismaClient({ adapter: new PrismaPGlite(db) }), {
      kind: "pglite",
      driver: pgliteSql(db),
      // One connection: a second transaction would only wait for its lock, inside Prisma's maxWait.
      transactionSlots: 1,
      cipher,
      ...prepared,
      withConnection: (work) => work(connection),
      locks: singleInstanceLocks(),
      check: (timeoutMs) => withinTime(checkMigrations(migrations)(connection), timeoutMs),
      pool: () => undefined,
      closeDriver: async () => {
        await db.close();
        unlock();
      },
    });
  } catch (error) {
    await db.close();
    unlock();
    throw error;
  }
}

type Opened = Pick<
  Database,
  "kind" | "cipher" | "appliedMigrations" | "sealedAtStart" | "withConnection" | "locks" | "check" | "pool"
> & {
  /** Raw statements of the hot path, beside Prisma on the same pool or PGlite. */
  driver: SqlDriver;
  transactionSlots: number;
  closeDriver: () => Promise<void>;
};

function databaseOver(prisma: PrismaClient, { closeDriver, driver, transactionSlots, ...opened }: Opened): Database {
  return {
    work: createUnitOfWork(prisma, driver, opened.cipher, { transactionSlots }),
    prisma,
    ...opened,
    close: async () => {
      await prisma.$disconnect();
      await closeDriver();
    },
  };
}

function checkMigrations(migrations: Migration[]) {
  return async (connection: SqlConnection): Promise<void> => {
    const missing = await missingMigrations(connection, migrations);
    if (missing.length > 0) throw new Error(`migrations not applied: ${missing.join(", ")}`);
  };
}

function withinTime<T>(work: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the database did not answer within ${timeoutMs} ms`)), timeoutMs);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}
