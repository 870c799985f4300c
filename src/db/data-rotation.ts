// Re-seals every value not sealed under the current (first) data key: values
// of a retired key, and values stored in clear before encryption came in
// (whose blind index is filled on the way). Batches in primary-key order,
// each one UPDATE that changes a row only if it still holds what was read,
// so it runs beside the bot (a row the bot rewrote meanwhile is already
// under the current key) and stopping it at any point loses nothing: the
// next run finds only the rows still to do.
import { type FieldCipher, SEALED_PREFIX } from "./field-cipher.ts";
import { columnName, type SealedTable, sealedTables } from "./sealed-columns.ts";
import type { SqlConnection } from "./sql-connection.ts";

export type RotationProgress = { table: string; resealed: number; failed: number };

export type RotationReport = { resealed: number; failed: number; tables: RotationProgress[] };

export type RotationOptions = {
  batchSize?: number;
  onBatch?: (progress: RotationProgress) => void;
};

type Row = { pk: string } & Record<string, string | null>;

export async function rotateData(
  connection: SqlConnection,
  cipher: FieldCipher,
  options: RotationOptions = {},
): Promise<RotationReport> {
  const tables: RotationProgress[] = [];
  for (const table of sealedTables) {
    tables.push(await rotateTable(connection, cipher, table, options));
  }
  return {
    resealed: tables.reduce((sum, t) => sum + t.resealed, 0),
    failed: tables.reduce((sum, t) => sum + t.failed, 0),
    tables,
  };
}

async function rotateTable(
  connection: SqlConnection,
  cipher: FieldCipher,
  table: SealedTable,
  { batchSize = 500, onBatch }: RotationOptions,
): Promise<RotationProgress> {
  const progress: RotationProgress = { table: table.table, resealed: 0, failed: 0 };
  const current = `${SEALED_PREFIX}${cipher.currentKeyId}:%`;
  let after: string | null = null;
  for (;;) {
    const rows: Row[] = await connection.query<Row>(selectBatch(table), [current, after, batchSize]);
    if (rows.length === 0) return progress;
    after = rows[rows.length - 1]?.pk ?? null;
    const resealed = rows.flatMap((row) => {
      try {
        return [reseal(cipher, table, row)];
      } catch {
        // An unknown key or an altered value: counted and reported, never logged with content.
        progress.failed += 1;
        return [];
      }
    });
    if (resealed.length > 0) {
      const changed = await connection.query<{ n: number }>(updateBatch(table), batchParameters(table, resealed));
      progress.resealed += changed.length;
    }
    onBatch?.({ ...progress });
  }
}

type Resealed = { pk: string; old: Array<string | null>; sealed: Array<string | null>; indexes: string[] };

function reseal(cipher: FieldCipher, table: SealedTable, row: Row): Resealed {
  const old = table.columns.map((column) => row[columnName(column)] ?? null);
  const plain = table.columns.map((column, i) => {
    const value = old[i];
    return value === null || value === undefined ? null : cipher.open(column, value);
  });
  const sealed = table.columns.map((column, i) => {
    const value = plain[i];
    return value === null || value === undefined ? null : cipher.seal(column, value);
  });
  const indexes = table.indexes.map((index) => {
    const value = plain[table.columns.indexOf(index.of)];
    return value === null || value === undefined ? "" : cipher.blindIndex(index.index, value);
  });
  return { pk: row.pk, old, sealed, indexes };
}

function quoted(name: string): string {
  return `"${name}"`;
}

function selectBatch(table: SealedTable): string {
  const key = quoted(table.key.column);
  const columns = table.columns.map((column) => quoted(columnName(column)));
  const stale = [
    ...columns.map((column) => `(${column} IS NOT NULL AND ${column} NOT LIKE $1)`),
    ...table.indexes.map(
      (index) => `(${quoted(columnName(index.of))} IS NOT NULL AND ${quoted(index.column)} IS NULL)`,
    ),
  ];
  return `SELECT ${key}::text AS pk, ${columns.join(", ")} FROM ${quoted(table.table)}
    WHERE ($2::text IS NULL OR ${key} > $2::${table.key.type}) AND (${stale.join(" OR ")})
    ORDER BY ${key} LIMIT $3`;
}

// One statement per batch: the new values travel as arrays, and a row is
// changed only when every sealed column still holds what was read.
function updateBatch(table: SealedTable): string {
  const key = quoted(table.key.column);
  const columns = table.columns.map((column) => quoted(columnName(column)));
  const names = ["pk", ...columns.map((_, i) => `old${i}`), ...columns.map((_, i) => `new${i}`)];
  const indexNames = table.indexes.map((_, i) => `index${i}`);
  const arrays = [...names, ...indexNames].map((_, i) => `$${i + 1}::text[]`);
  const sets = [
    ...columns.map((column, i) => `${column} = v.new${i}`),
    ...table.indexes.map((index, i) => `${quoted(index.column)} = NULLIF(v.index${i}, '')`),
  ];
  const unchanged = columns.map((column, i) => `t.${column} IS NOT DISTINCT FROM v.old${i}`);
  return `UPDATE ${quoted(table.table)} AS t SET ${sets.join(", ")}
    FROM unnest(${arrays.join(", ")}) AS v(${[...names, ...indexNames].join(", ")})
    WHERE t.${key} = v.pk::${table.key.type} AND ${unchanged.join(" AND ")}
    RETURNING 1 AS n`;
}

function batchParameters(table: SealedTable, rows: Resealed[]): unknown[] {
  return [
    rows.map((row) => row.pk),
    ...table.columns.map((_, i) => rows.map((row) => row.old[i] ?? null)),
    ...table.columns.map((_, i) => rows.map((row) => row.sealed[i] ?? null)),
    ...table.indexes.map((_, i) => rows.map((row) => row.indexes[i] ?? "")),
  ];
}

/** Runs what migrations left for the application (see the DataTask model); undefined when nothing was left. */
export async function runDataTasks(
  connection: SqlConnection,
  cipher: FieldCipher,
): Promise<RotationReport | undefined> {
  const tasks = await connection.query<{ name: string }>(`SELECT name FROM "data_task" ORDER BY created_at`);
  if (!tasks.some((task) => task.name === "seal_plain_rows")) return undefined;
  const report = await rotateData(connection, cipher);
  if (report.failed === 0) await connection.query(`DELETE FROM "data_task" WHERE name = 'seal_plain_rows'`);
  return report;
}
