// Prisma access for the ledger of updates taken from Telegram (see the
// InboundUpdate model): stored before they are confirmed, marked when
// handled, purged after a day.
import type { DbClient } from "./client.ts";
import type { FieldCipher } from "./field-cipher.ts";

export type InboundUpdateRepository = ReturnType<typeof createInboundUpdateRepository>;

export function createInboundUpdateRepository(prisma: DbClient, cipher: FieldCipher) {
  return {
    /** Stores the updates not stored before; returns the ids that are new. */
    async store(updates: Array<{ updateId: number; payload: unknown }>, at: Date): Promise<Set<number>> {
      if (updates.length === 0) return new Set();
      const rows = await prisma.inboundUpdate.createManyAndReturn({
        data: updates.map((update) => ({
          updateId: BigInt(update.updateId),
          payload: cipher.sealJson("inbound_update.payload", update.payload),
          receivedAt: at,
        })),
        skipDuplicates: true,
        select: { updateId: true },
      });
      return new Set(rows.map((row) => Number(row.updateId)));
    },

    /** Updates stored but never handled (the process stopped first), oldest first. */
    async unhandled(): Promise<unknown[]> {
      const rows = await prisma.inboundUpdate.findMany({
        where: { handledAt: null },
        orderBy: { updateId: "asc" },
        select: { payload: true },
      });
      return rows.flatMap((row) =>
        row.payload === null ? [] : [cipher.openJson("inbound_update.payload", row.payload)],
      );
    },

    /** The payload goes: a handled update keeps only its id and times. */
    async markHandled(updateIds: number[], at: Date): Promise<void> {
      if (updateIds.length === 0) return;
      await prisma.inboundUpdate.updateMany({
        where: { updateId: { in: updateIds.map(BigInt) } },
        data: { handledAt: at, payload: null },
      });
    },

    async isHandled(updateId: number): Promise<boolean> {
      const row = await prisma.inboundUpdate.findUnique({
        where: { updateId: BigInt(updateId) },
        select: { handledAt: true },
      });
      return row?.handledAt != null;
    },

    /** Handled ones, and ones never handled (a webhook update whose instance died; Telegram delivered it again). */
    async purgeBefore(before: Date): Promise<number> {
      const { count } = await prisma.inboundUpdate.deleteMany({
        where: { OR: [{ handledAt: { lt: before } }, { handledAt: null, receivedAt: { lt: before } }] },
      });
      return count;
    },
  };
}
