// Prisma access for a private chat's place in a form: the conversations
// plugin's state, what is still to be delivered, the question on screen and
// the last update whose effects are stored, all in one row written at once.
import type { DbClient } from "./client.ts";
import type { FieldCipher, SealedColumn } from "./field-cipher.ts";

export type StoredConversationState = {
  /** The conversations plugin's state; null when no conversation is active. */
  value: unknown;
  pending: unknown[];
  /** The question on screen; null when none is. */
  prompt: unknown;
  lastUpdateId: number | null;
};

export type ConversationStateRepository = ReturnType<typeof createConversationStateRepository>;

export function createConversationStateRepository(prisma: DbClient, cipher: FieldCipher) {
  // The state holds what the person typed and what they were told: sealed whole.
  const seal = (column: SealedColumn, value: unknown) =>
    value === null || value === undefined ? null : cipher.sealJson(column, value);
  const open = (column: SealedColumn, stored: string | null) =>
    stored === null ? null : cipher.openJson(column, stored);
  const sealPending = (pending: unknown[]) =>
    pending.length === 0 ? null : seal("conversation_state.pending", pending);

  return {
    async read(key: string): Promise<StoredConversationState | undefined> {
      const row = await prisma.conversationState.findUnique({ where: { key } });
      if (!row) return undefined;
      const pending = open("conversation_state.pending", row.pending);
      return {
        value: open("conversation_state.value", row.value),
        pending: Array.isArray(pending) ? pending : [],
        prompt: open("conversation_state.prompt", row.prompt),
        lastUpdateId: row.lastUpdateId === null ? null : Number(row.lastUpdateId),
      };
    },

    async save(key: string, state: StoredConversationState): Promise<void> {
      const data = {
        value: seal("conversation_state.value", state.value),
        pending: sealPending(state.pending),
        prompt: seal("conversation_state.prompt", state.prompt),
        lastUpdateId: state.lastUpdateId === null ? null : BigInt(state.lastUpdateId),
      };
      await prisma.conversationState.upsert({ where: { key }, create: { key, ...data }, update: data });
    },

    /** Deletes the states of chats untouched since `before` (finished or abandoned forms); how many. */
    async purgeUntouchedSince(before: Date): Promise<number> {
      const { count } = await prisma.conversationState.deleteMany({ where: { updatedAt: { lt: before } } });
      return count;
    },

    /**
     * Records what reached Telegram: the messages still pending (none when
     * all went out) and the prompt as delivered. Only while the row still
     * belongs to the update that queued them.
     */
    async delivered(key: string, updateId: number | null, pending: unknown[], prompt: unknown): Promise<void> {
      await prisma.conversationState.updateMany({
        where: { key, lastUpdateId: updateId === null ? null : BigInt(updateId) },
        data: { pending: sealPending(pending), prompt: seal("conversation_state.prompt", prompt) },
      });
    },
  };
}
