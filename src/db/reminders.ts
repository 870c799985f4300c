// Prisma access for reminders. Claiming is one UPDATE … FOR UPDATE SKIP
// LOCKED … RETURNING, so two instances polling the same table never take the
// same row, and a claim left by an instance that died is taken again later.
import type { DbClient } from "./client.ts";
import type { Prisma } from "./generated/client.ts";

/** A reminder row to write; what kind and payload mean is the reminders service's (services/reminder-messages.ts). */
export type ReminderRow = {
  dueAt: Date;
  chatId: number;
  kind: string;
  payload: unknown;
  dedupeKey?: string;
};

export type ClaimedReminderRow = {
  id: string;
  chatId: number;
  kind: string;
  payload: unknown;
  attempts: number;
  dueAt: Date;
};

type ClaimedRow = { id: string; chat_id: bigint; kind: string; payload: unknown; attempts: number; due_at: Date };

/** Undelivered reminders of one kind, newly found overdue. */
export type OverdueGroup = { kind: string; count: number; oldestDueAt: Date };

export type ReminderRepository = ReturnType<typeof createReminderRepository>;

export function createReminderRepository(prisma: DbClient) {
  return {
    async schedule(reminders: ReminderRow[]): Promise<void> {
      if (reminders.length === 0) return;
      await prisma.reminder.createMany({
        data: reminders.map((r) => ({
          dueAt: r.dueAt,
          chatId: BigInt(r.chatId),
          kind: r.kind,
          payload: r.payload as Prisma.InputJsonValue,
          dedupeKey: r.dedupeKey ?? null,
        })),
        skipDuplicates: true,
      });
    },

    async claimDue(now: Date, instance: string, limit: number, staleBefore: Date): Promise<ClaimedReminderRow[]> {
      const rows = await prisma.$queryRaw<ClaimedRow[]>`
        UPDATE "reminder" SET "claimed_at" = ${now}, "claimed_by" = ${instance}, "attempts" = "attempts" + 1
        WHERE "id" IN (
          SELECT "id" FROM "reminder"
          WHERE "sent_at" IS NULL AND "due_at" <= ${now}
            AND ("retry_at" IS NULL OR "retry_at" <= ${now})
            AND ("claimed_at" IS NULL OR "claimed_at" < ${staleBefore})
          ORDER BY "due_at"
          LIMIT ${limit}
          FOR UPDATE SKIP LOCKED
        )
        RETURNING "id", "chat_id", "kind", "payload", "attempts", "due_at"`;
      return rows.map((row) => ({
        id: row.id,
        chatId: Number(row.chat_id),
        kind: row.kind,
        payload: row.payload,
        attempts: row.attempts,
        dueAt: row.due_at,
      }));
    },

    // Both act only on this instance's own claim: one taken over after a
    // timeout belongs to the other instance now.
    async finish(id: string, instance: string, outcome: string, at: Date, error?: string): Promise<void> {
      await prisma.reminder.updateMany({
        where: { id, claimedBy: instance, sentAt: null },
        data: { sentAt: at, outcome, ...(error === undefined ? {} : { lastError: error.slice(0, 200) }) },
      });
    },

    /** Gives the reminder back, to be claimed again from `retryAt` on. */
    async release(id: string, instance: string, retryAt: Date, error: string): Promise<void> {
      await prisma.reminder.updateMany({
        where: { id, claimedBy: instance, sentAt: null },
        data: { claimedAt: null, claimedBy: null, retryAt, lastError: error.slice(0, 200) },
      });
    },

    /**
     * Marks the unsent reminders due before `dueBefore`, tried at least once
     * (one never tried yet is not late for Telegram's fault) and not reported
     * yet as reported, and returns how many of each kind: one statement, so two
     * instances never report the same row.
     */
    async claimOverdue(dueBefore: Date, at: Date, exceptKinds: string[]): Promise<OverdueGroup[]> {
      const rows = await prisma.$queryRaw<Array<{ kind: string; count: bigint; oldest: Date }>>`
        WITH reported AS (
          UPDATE "reminder" SET "overdue_reported_at" = ${at}
          WHERE "id" IN (
            SELECT "id" FROM "reminder"
            WHERE "sent_at" IS NULL AND "due_at" < ${dueBefore} AND "attempts" > 0 AND "overdue_reported_at" IS NULL
              AND NOT ("kind" = ANY(${exceptKinds}))
            FOR UPDATE SKIP LOCKED
          )
          RETURNING "kind", "due_at"
        )
        SELECT "kind", count(*) AS "count", min("due_at") AS "oldest" FROM reported GROUP BY "kind" ORDER BY "kind"`;
      return rows.map((row) => ({ kind: row.kind, count: Number(row.count), oldestDueAt: row.oldest }));
    },

    /**
     * Unsent messages to one chat about one application (its result, the
     * complaint window) go to another chat instead: the IIN's owner took the
     * application over, and the old account must learn nothing more of it.
     */
    async readdress(
      about: { applicationId: string; subject: string },
      fromChatId: number,
      toChatId: number,
    ): Promise<number> {
      const { count } = await prisma.reminder.updateMany({
        where: {
          chatId: BigInt(fromChatId),
          sentAt: null,
          OR: [
            { payload: { path: ["applicationId"], equals: about.applicationId } },
            { payload: { path: ["subject"], equals: about.subject } },
          ],
        },
        data: { chatId: BigInt(toChatId) },
      });
      return count;
    },

    /** Unsent reminders to a chat that changed its id (a group became a supergroup) go to the new id. */
    async readdressChat(fromChatId: number, toChatId: number): Promise<number> {
      const { count } = await prisma.reminder.updateMany({
        where: { chatId: BigInt(fromChatId), sentAt: null },
        data: { chatId: BigInt(toChatId) },
      });
      return count;
    },

    /** When the reminder with this key was due, if one was scheduled. */
    async dueAtOf(dedupeKey: string): Promise<Date | undefined> {
      const row = await prisma.reminder.findUnique({ where: { dedupeKey }, select: { dueAt: true } });
      return row?.dueAt;
    },

    async pendingCount(): Promise<number> {
      return prisma.reminder.count({ where: { sentAt: null } });
    },
  };
}
