// A private chat's place in a form: the conversations plugin's state, what is
// still to be delivered, the question on screen and the last update whose
// effects are stored, all in one row written at once. Read and written on
// every update, so in plain parameterized SQL (src/db/sql-client.ts).
import type { FieldCipher, SealedColumn } from "./field-cipher.ts";
import type { SqlClient } from "./sql-client.ts";

export type StoredConversationState = {
  /** The conversations plugin's state; null when no conversation is active. */
  value: unknown;
  pending: unknown[];
  /** The question on screen; null when none is. */
  prompt: unknown;
  lastUpdateId: number | null;
};

type StateRow = {
  value: string | null;
  pending: string | null;
  prompt: string | null;
  /** int8: a string from pg, a bigint from Prisma or PGlite. */
  last_update_id: string | bigint | number | null;
};

export type ConversationStateRepository = ReturnType<typeof createConversationStateRepository>;

export function createConversationStateRepository(sql: SqlClient, cipher: FieldCipher) {
  // The state holds what the person typed and what they were told: sealed whole.
  const seal = (column: SealedColumn, value: unknown) =>
    value === null || value === undefined ? null : cipher.sealJson(column, value);
  const open = (column: SealedColumn, stored: string | null) =>
    stored === null ? null : cipher.openJson(column, stored);
  const sealPending = (pending: unknown[]) =>
    pending.length === 0 ? null : seal("conversation_state.pending", pending);

  return {
    async read(key: string): Promise<StoredConversationState | undefined> {
      const [row] = await sql.rows<StateRow>(
        "SELECT value, pending, prompt, last_update_id FROM conversation_state WHERE key = $1",
        [key],
      );
      if (!row) return undefined;
      const pending = open("conversation_state.pending", row.pending);
      return {
        value: open("conversation_state.value", row.value),
        pending: Array.isArray(pending) ? pending : [],
        prompt: open("conversation_state.prompt", row.prompt),
        lastUpdateId: row.last_update_id === null ? null : Number(row.last_update_id),
      };
    },

    async save(key: string, state: StoredConversationState): Promise<void> {
      await sql.run(
        `INSERT INTO conversation_state (key, value, pending, prompt, last_update_id, updated_at)
         VALUES ($1, $2, $3, $4, $5::bigint, now())
         ON CONFLICT (key) DO UPDATE SET value = excluded.value, pending = excluded.pending,
           prompt = excluded.prompt, last_update_id = excluded.last_update_id, updated_at = excluded.updated_at`,
        [
          key,
          seal("conversation_state.value", state.value),
          sealPending(state.pending),
          seal("conversation_state.prompt", state.prompt),
          state.lastUpdateId,
        ],
      );
    },

    /** Deletes the states of chats untouched since `before` (finished or abandoned forms); how many. */
    purgeUntouchedSince: (before: Date): Promise<number> =>
      sql.run("DELETE FROM conversation_state WHERE updated_at < $1::timestamptz", [before.toISOString()]),

    /**
     * Records what reached Telegram: the messages still pending (none when
     * all went out) and the prompt as delivered. Only while the row still
     * belongs to the update that queued them.
     */
    async delivered(key: string, updateId: number | null, pending: unknown[], prompt: unknown): Promise<void> {
      await sql.run(
        `UPDATE conversation_state SET pending = $3, prompt = $4, updated_at = now()
         WHERE key = $1 AND last_update_id IS NOT DISTINCT FROM $2::bigint`,
        [key, updateId, sealPending(pending), seal("conversation_state.prompt", prompt)],
      );
    },
  };
}
