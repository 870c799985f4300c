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

export async function postgresConnection(pool: pg.Pool): Promise<SqlConnection> {
  const client = await pool.connect();
  return {
    exec: async (sql) => {
      await client.query(sql);
    },
    query: async <Row>(sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows as Row[],
    release: async () => client.release(),
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
