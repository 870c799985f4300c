// PostgreSQL for the bench: scratch databases on the server DATABASE_URL
// names (default postgresql://postgres@127.0.0.1:5432), and what the server
// counted for one database while the bot ran.
import { randomUUID } from "node:crypto";
import pg from "pg";

export function serverUrl(): string {
  return process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
}

export function databaseUrl(name: string): string {
  const url = new URL(serverUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

export async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export type ScratchDatabase = { name: string; url: string; drop(): Promise<void> };

/** A new empty database beside the server's own, dropped afterwards. */
export async function scratchDatabase(prefix: string): Promise<ScratchDatabase> {
  const name = `${prefix}_${randomUUID().replaceAll("-", "").slice(0, 10)}`;
  await withClient(serverUrl(), (admin) => admin.query(`CREATE DATABASE ${name}`));
  return {
    name,
    url: databaseUrl(name),
    drop: async () => {
      await withClient(serverUrl(), (admin) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

export async function databaseExists(name: string): Promise<boolean> {
  return withClient(serverUrl(), async (admin) => {
    const { rowCount } = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    return rowCount === 1;
  });
}

export async function serverVersion(): Promise<string> {
  return withClient(serverUrl(), async (client) => (await client.query("SHOW server_version")).rows[0].server_version);
}

/**
 * The server's counters of one database (pg_stat_database): transactions
 * (each statement outside an explicit transaction is one; a transaction of
 * several statements counts once) and rows read and written. Needs no
 * extension and no change of settings. Backends report them when they go
 * idle, at most once a second, so read the last one after the bot stopped.
 */
export type DatabaseCounters = {
  transactions: number;
  rowsRead: number;
  rowsWritten: number;
  blocksRead: number;
  blocksHit: number;
};

export async function databaseCounters(name: string): Promise<DatabaseCounters> {
  return withClient(serverUrl(), async (admin) => {
    const { rows } = await admin.query(
      `SELECT xact_commit + xact_rollback AS transactions,
              tup_returned + tup_fetched AS rows_read,
              tup_inserted + tup_updated + tup_deleted AS rows_written,
              blks_read, blks_hit
       FROM pg_stat_database WHERE datname = $1`,
      [name],
    );
    const row = rows[0];
    return {
      transactions: Number(row.transactions),
      rowsRead: Number(row.rows_read),
      rowsWritten: Number(row.rows_written),
      blocksRead: Number(row.blks_read),
      blocksHit: Number(row.blks_hit),
    };
  });
}

export function counterDelta(before: DatabaseCounters, after: DatabaseCounters): DatabaseCounters {
  return {
    transactions: after.transactions - before.transactions,
    rowsRead: after.rowsRead - before.rowsRead,
    rowsWritten: after.rowsWritten - before.rowsWritten,
    blocksRead: after.blocksRead - before.blocksRead,
    blocksHit: after.blocksHit - before.blocksHit,
  };
}

/** Rows read by sequential scans, and how many scans, per table of the bot's database (pg_stat_user_tables). */
export async function seqScanRows(url: string): Promise<Map<string, { rows: number; scans: number }>> {
  return withClient(url, async (client) => {
    const { rows } = await client.query("SELECT relname, seq_tup_read, seq_scan FROM pg_stat_user_tables");
    return new Map(
      rows.map((row) => [row.relname as string, { rows: Number(row.seq_tup_read), scans: Number(row.seq_scan) }]),
    );
  });
}
