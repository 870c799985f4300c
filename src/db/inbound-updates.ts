// The ledger of updates taken from Telegram (see the InboundUpdate model):
// stored before they are confirmed, marked when handled, purged after a day.
// Touched by every update, so in plain parameterized SQL (src/db/sql-client.ts).
import type { FieldCipher } from "./field-cipher.ts";
import type { SqlClient } from "./sql-client.ts";

export type InboundUpdateRepository = ReturnType<typeof createInboundUpdateRepository>;

/** "$3, $4, …": one placeholder per value, from `first`. */
const placeholders = (count: number, first: number, cast: string) =>
  Array.from({ length: count }, (_, index) => `$${first + index}${cast}`).join(", ");

export function createInboundUpdateRepository(sql: SqlClient, cipher: FieldCipher) {
  return {
    /** Stores the updates not stored before; returns the ids that are new. */
    async store(updates: Array<{ updateId: number; payload: unknown }>, at: Date): Promise<Set<number>> {
      if (updates.length === 0) return new Set();
      const values = updates.map((_, index) => `($${2 * index + 2}::bigint, $${2 * index + 3}, $1::timestamptz)`);
      const rows = await sql.rows<{ update_id: string | bigint }>(
        `INSERT INTO inbound_update (update_id, payload, received_at) VALUES ${values.join(", ")}
         ON CONFLICT DO NOTHING RETURNING update_id`,
        [
          at.toISOString(),
          ...updates.flatMap((update) => [update.updateId, cipher.sealJson("inbound_update.payload", update.payload)]),
        ],
      );
      return new Set(rows.map((row) => Number(row.update_id)));
    },

    /** Updates stored but never handled (the process stopped first), oldest first. */
    async unhandled(): Promise<unknown[]> {
      const rows = await sql.rows<{ payload: string | null }>(
        "SELECT payload FROM inbound_update WHERE handled_at IS NULL ORDER BY update_id",
        [],
      );
      return rows.flatMap((row) =>
        row.payload === null ? [] : [cipher.openJson("inbound_update.payload", row.payload)],
      );
    },

    /** The payload goes: a handled update keeps only its id and times. */
    async markHandled(updateIds: number[], at: Date): Promise<void> {
      if (updateIds.length === 0) return;
      await sql.run(
        `UPDATE inbound_update SET handled_at = $1::timestamptz, payload = NULL
         WHERE update_id IN (${placeholders(updateIds.length, 2, "::bigint")})`,
        [at.toISOString(), ...updateIds],
      );
    },

    async isHandled(updateId: number): Promise<boolean> {
      const [row] = await sql.rows<{ handled: boolean }>(
        "SELECT handled_at IS NOT NULL AS handled FROM inbound_update WHERE update_id = $1::bigint",
        [updateId],
      );
      return row?.handled === true;
    },

    /** Handled ones, and ones never handled (a webhook update whose instance died; Telegram delivered it again). */
    purgeBefore: (before: Date): Promise<number> =>
      sql.run(
        `DELETE FROM inbound_update
         WHERE handled_at < $1::timestamptz OR (handled_at IS NULL AND received_at < $1::timestamptz)`,
        [before.toISOString()],
      ),
  };
}
