// A raw SQL connection for what Prisma's client cannot do: running migration
// files (several statements in one string; Prisma sends prepared statements,
// which take one) under a lock, in a transaction.
import type { PGlite } from "@electric-sql/pglite";
import type pg from "pg";

export interface SqlConnection {
  /** Runs one or more statements without parameters. */
  exec(sql: string): Promise<void>;
  query<Row>(sql: string, params?: unknown[]): Promise<Row[]>;
  release(): Promise<void>;
}

/** Maintenance (a migration building an index on a large table) may outlast the pool's query timeout. */
const MAINTENANCE_TIMEOUT_MS = 24 * 3_600_000;

// pg reads query_timeout from a query's config too; its types do not say so.
function maintenance(text: string, values: unknown[]): pg.QueryConfig {
  return { text, values, query_timeout: MAINTENANCE_TIMEOUT_MS } as pg.QueryConfig;
}

export async function postgresConnection(pool: pg.Pool): Promise<SqlConnection> {
  const client = await pool.connect();
  // Checked out, the client has no listener of the pool's: a lost connection
  // must fail the statement in flight, not end the process.
  let lost: Error | undefined;
  const onLost = (error: Error) => {
    lost = error;
  };
  client.on("error", onLost);
  return {
    exec: async (sql) => {
      await client.query(maintenance(sql, []));
    },
    query: async <Row>(sql: string, params: unknown[] = []) =>
      (await client.query(maintenance(sql, params))).rows as Row[],
    release: async () => {
      client.off("error", onLost);
      client.release(lost);
    },
  };
}

export function pgliteConnection(db: PGlite): SqlConnection {
  return {
    exec: async (sql) => {
      await db.exec(sql);
    },
    query: async <Row>(sql: string, params: unknown[] = []) => (await db.query<Row>(sql, params)).rows,
    release: async () => {},
  };
}
