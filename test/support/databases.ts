// Storage for tests: an embedded PGlite in a temporary folder, and, when
// TEST_DATABASE_URL is set, a fresh PostgreSQL database created next to the
// one it names and dropped afterwards.
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import type { Config } from "../../src/config.ts";

export type TestDatabase = { settings: Config["database"]; name: string; drop(): Promise<void> };

export function temporaryPglite(): TestDatabase {
  const dataDir = mkdtempSync(path.join(tmpdir(), "jobseeker-test-"));
  return {
    name: "pglite",
    settings: { kind: "pglite", dataDir },
    drop: async () => rmSync(dataDir, { recursive: true, force: true }),
  };
}

export async function temporaryPostgres(serverUrl: string): Promise<TestDatabase> {
  const databaseName = `jobseeker_test_${randomUUID().replaceAll("-", "").slice(0, 12)}`;
  await withAdmin(serverUrl, (admin) => admin.query(`CREATE DATABASE ${databaseName}`));
  const url = new URL(serverUrl);
  url.pathname = `/${databaseName}`;
  return {
    name: "postgres",
    settings: { kind: "postgres", url: url.toString() },
    drop: () => withAdmin(serverUrl, (admin) => admin.query(`DROP DATABASE IF EXISTS ${databaseName} WITH (FORCE)`)),
  };
}

async function withAdmin(serverUrl: string, action: (client: pg.Client) => Promise<unknown>): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await action(client);
  } finally {
    await client.end();
  }
}

/** The storage kinds to run a suite on: PGlite always, PostgreSQL when configured. */
export function storageKinds(): Array<{ kind: "pglite" | "postgres"; create: () => Promise<TestDatabase> }> {
  const kinds: Array<{ kind: "pglite" | "postgres"; create: () => Promise<TestDatabase> }> = [
    { kind: "pglite", create: async () => temporaryPglite() },
  ];
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (serverUrl) kinds.push({ kind: "postgres", create: () => temporaryPostgres(serverUrl) });
  return kinds;
}
