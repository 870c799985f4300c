// Parameterized SQL for the per-update hot path (a chat's turn, its draft, the
// update ledger), straight to the driver. Prisma 6.19's client engine compiles
// every query in WebAssembly before it reaches the driver: under load that
// was a fifth of the bot's CPU, and a statement through the pg pool costs a
// seventh of a findUnique (BENCHMARKS.md, "Levers"). The same repositories run
// on Prisma's transaction client ($queryRawUnsafe) when a turn's writes must
// share a transaction with Prisma repositories (a submission, a filing).
import type { PGlite, Transaction as PGliteTransaction } from "@electric-sql/pglite";
import type pg from "pg";
import type { DbClient } from "./client.ts";

export interface SqlClient {
  /** The rows of one statement; parameters as $1, $2… with explicit casts (every driver infers alike). */
  rows<Row>(sql: string, params: readonly unknown[]): Promise<Row[]>;
  /** How many rows one statement changed. */
  run(sql: string, params: readonly unknown[]): Promise<number>;
}

export interface SqlDriver extends SqlClient {
  /** One transaction on the driver itself: committed when `work` resolves, rolled back when it throws. */
  transaction<T>(work: (sql: SqlClient) => Promise<T>): Promise<T>;
}

const onPg = (client: pg.Pool | pg.PoolClient): SqlClient => ({
  rows: async <Row>(sql: string, params: readonly unknown[]) =>
    (await client.query(sql, params as unknown[])).rows as Row[],
  run: async (sql, params) => (await client.query(sql, params as unknown[])).rowCount ?? 0,
});

export function postgresSql(pool: pg.Pool): SqlDriver {
  return {
    ...onPg(pool),
    async transaction(work) {
      const client = await pool.connect();
      let broken: Error | undefined;
      // A checked-out client has no listener of the pool's: a connection lost
      // meanwhile (the database restarting) would be an unhandled 'error'
      // event and end the process. The statement in flight fails on its own.
      const lost = (error: Error) => {
        broken = error;
      };
      client.on("error", lost);
      try {
        await client.query("BEGIN");
        const result = await work(onPg(client));
        await client.query("COMMIT");
        return result;
      } catch (error) {
        // A connection whose ROLLBACK fails is in an unknown state: the pool drops it.
        await client.query("ROLLBACK").catch((failure: Error) => {
          broken = failure;
        });
        throw error;
      } finally {
        client.off("error", lost);
        client.release(broken);
      }
    },
  };
}

const onPglite = (db: PGlite | PGliteTransaction): SqlClient => ({
  rows: async <Row>(sql: string, params: readonly unknown[]) => (await db.query<Row>(sql, params as unknown[])).rows,
  run: async (sql, params) => (await db.query(sql, params as unknown[])).affectedRows ?? 0,
});

/** PGlite is one connection: its transaction holds it, and every other statement waits for the end. */
export function pgliteSql(db: PGlite): SqlDriver {
  return { ...onPglite(db), transaction: (work) => db.transaction((tx) => work(onPglite(tx))) };
}

/** Through a Prisma client or transaction: the statement joins whatever transaction `client` is. */
export function prismaSql(client: DbClient): SqlClient {
  return {
    rows: <Row>(sql: string, params: readonly unknown[]) => client.$queryRawUnsafe<Row[]>(sql, ...params),
    run: (sql, params) => client.$executeRawUnsafe(sql, ...params),
  };
}
