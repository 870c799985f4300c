// What is waiting, for the metrics: reminders due and not sent, and cases
// whose staff card is not posted. Counts only, never a row's content.
import type { DbClient } from "./client.ts";

export type BacklogRow = { remindersDue: number; oldestDueAt: Date | undefined; cardsWaiting: number };

type Row = { reminders_due: bigint; oldest_due_at: Date | null; cards_waiting: bigint };

export type BacklogRepository = ReturnType<typeof createBacklogRepository>;

export function createBacklogRepository(prisma: DbClient) {
  return {
    async snapshot(now: Date): Promise<BacklogRow> {
      // The same conditions as the scheduler's: src/db/reminders.ts claimDue and the withoutCard queries.
      const [row] = await prisma.$queryRaw<Row[]>`
        SELECT
          (SELECT count(*) FROM "reminder" WHERE "sent_at" IS NULL AND "due_at" <= ${now}) AS reminders_due,
          (SELECT min("due_at") FROM "reminder" WHERE "sent_at" IS NULL AND "due_at" <= ${now}) AS oldest_due_at,
          (SELECT count(*) FROM "application" WHERE "status" = 'submitted' AND "staff_message_id" IS NULL)
          + (SELECT count(*) FROM "appeal"
             WHERE "status" IN ('received', 'non_compliant', 'extended') AND "staff_message_id" IS NULL)
          + (SELECT count(*) FROM "complaint"
             WHERE "status" IN ('received', 'awaiting_renewal') AND "staff_message_id" IS NULL) AS cards_waiting`;
      return {
        remindersDue: Number(row?.reminders_due ?? 0),
        oldestDueAt: row?.oldest_due_at ?? undefined,
        cardsWaiting: Number(row?.cards_waiting ?? 0),
      };
    },
  };
}
