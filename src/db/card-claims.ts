// Who posts a staff card. An instance claims the posting first, so two never
// post the same card; a claim older than `staleBefore` was abandoned (its
// instance died mid-posting) and may be taken over. The three card tables
// share the columns staff_message_id and card_claimed_at.
import type { DbClient } from "./client.ts";
import { Prisma } from "./generated/client.ts";

export type CardTable = "application" | "appeal" | "complaint";

// Table names come from this closed list only, never from input.
const tables: Record<CardTable, Prisma.Sql> = {
  application: Prisma.raw('"application"'),
  appeal: Prisma.raw('"appeal"'),
  complaint: Prisma.raw('"complaint"'),
};

// A draft is not a case yet: its card is never claimed.
const claimable: Record<CardTable, Prisma.Sql> = {
  application: Prisma.sql`AND status <> 'draft'`,
  appeal: Prisma.empty,
  complaint: Prisma.empty,
};

/** The Prisma filter of rows without a card and not being posted now. */
export function cardNotClaimed(staleBefore: Date) {
  return { staffMessageId: null, OR: [{ cardClaimedAt: null }, { cardClaimedAt: { lt: staleBefore } }] };
}

export type CardClaims = ReturnType<typeof createCardClaims>;

export function createCardClaims(prisma: DbClient) {
  return {
    /** False when the card is posted, or being posted by another instance. */
    async claim(table: CardTable, id: string, at: Date, staleBefore: Date): Promise<boolean> {
      const count = await prisma.$executeRaw`
        UPDATE ${tables[table]} SET card_claimed_at = ${at}
        WHERE id = ${id}::uuid AND staff_message_id IS NULL ${claimable[table]}
          AND (card_claimed_at IS NULL OR card_claimed_at < ${staleBefore})`;
      return count === 1;
    },

    /** A failed posting: the card is posted again later. */
    async release(table: CardTable, id: string): Promise<void> {
      await prisma.$executeRaw`
        UPDATE ${tables[table]} SET card_claimed_at = NULL WHERE id = ${id}::uuid AND staff_message_id IS NULL`;
    },

    /**
     * The cards of open cases are posted again (the staff chat moved, and its
     * old messages cannot be acted on): how many, per table.
     */
    async repostOpen(): Promise<number> {
      const counts = [
        await prisma.$executeRaw`
          UPDATE "application" SET staff_message_id = NULL, card_claimed_at = NULL
          WHERE status = 'submitted' AND staff_message_id IS NOT NULL`,
        await prisma.$executeRaw`
          UPDATE "appeal" SET staff_message_id = NULL, card_claimed_at = NULL
          WHERE status IN ('received', 'non_compliant', 'extended') AND staff_message_id IS NOT NULL`,
        await prisma.$executeRaw`
          UPDATE "complaint" SET staff_message_id = NULL, card_claimed_at = NULL
          WHERE status IN ('received', 'awaiting_renewal') AND staff_message_id IS NOT NULL`,
      ];
      return counts.reduce((sum, count) => sum + count, 0);
    },

    async posted(table: CardTable, id: string, messageId: number): Promise<void> {
      await prisma.$executeRaw`
        UPDATE ${tables[table]} SET staff_message_id = ${messageId}, card_claimed_at = NULL WHERE id = ${id}::uuid`;
    },
  };
}
