// Storage of @grammyjs/conversations in the database, so a half-finished
// section survives a restart and any instance can continue it.
import type { VersionedStateStorage } from "@grammyjs/conversations";
import type { Prisma, PrismaClient } from "./generated/client.ts";

export function conversationStorage<State>(prisma: PrismaClient): VersionedStateStorage<string, State> {
  return {
    async read(key) {
      const row = await prisma.conversationState.findUnique({ where: { key } });
      return row ? (row.value as never) : undefined;
    },
    async write(key, state) {
      const value = state as unknown as Prisma.InputJsonValue;
      await prisma.conversationState.upsert({ where: { key }, create: { key, value }, update: { value } });
    },
    async delete(key) {
      await prisma.conversationState.deleteMany({ where: { key } });
    },
  };
}
