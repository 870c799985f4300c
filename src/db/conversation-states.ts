// Prisma access for a private chat's place in a form: the conversations
// plugin's state, what is still to be delivered, the question on screen and
// the last update whose effects are stored, all in one row written at once.
import type { DbClient } from "./client.ts";
import { Prisma } from "./generated/client.ts";

export type StoredConversationState = {
  /** The conversations plugin's state; null when no conversation is active. */
  value: unknown;
  pending: unknown[];
  /** The question on screen; null when none is. */
  prompt: unknown;
  lastUpdateId: number | null;
};

export type ConversationStateRepository = ReturnType<typeof createConversationStateRepository>;

const nullableJson = (value: unknown) =>
  value === null || value === undefined ? Prisma.DbNull : (value as Prisma.InputJsonValue);

export function createConversationStateRepository(prisma: DbClient) {
  return {
    async read(key: string): Promise<StoredConversationState | undefined> {
      const row = await prisma.conversationState.findUnique({ where: { key } });
      if (!row) return undefined;
      return {
        value: row.value ?? null,
        pending: Array.isArray(row.pending) ? row.pending : [],
        prompt: row.prompt ?? null,
        lastUpdateId: row.lastUpdateId === null ? null : Number(row.lastUpdateId),
      };
    },

    async save(key: string, state: StoredConversationState): Promise<void> {
      const data = {
        value: nullableJson(state.value),
        pending: state.pending as Prisma.InputJsonValue,
        prompt: nullableJson(state.prompt),
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
        data: { pending: pending as Prisma.InputJsonValue, prompt: nullableJson(prompt) },
      });
    },
  };
}
