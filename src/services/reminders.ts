// Use case: reminders, scheduled when something happens and sent when due.
import { randomUUID } from "node:crypto";
import type { PrismaClient } from "../db/generated/client.ts";
import { type ClaimedReminder, createReminderRepository, type NewReminder } from "../db/reminders.ts";

/**
 * A claim older than this is considered abandoned (its instance died). Far
 * above the longest send: the throttler's queue for a batch plus auto-retry's
 * 3 attempts of at most 30 s.
 */
const CLAIM_TIMEOUT_MS = 15 * 60_000;
export const MAX_REMINDER_ATTEMPTS = 5;

export type ReminderService = ReturnType<typeof createReminderService>;

export function createReminderService(prisma: PrismaClient) {
  const reminders = createReminderRepository(prisma);
  // Names this process in claims, for whoever reads the table.
  const instance = `bot-${process.pid}-${randomUUID().slice(0, 8)}`;
  return {
    schedule: (list: NewReminder[]) => reminders.schedule(list),

    claimDue: (now: Date, limit = 100): Promise<ClaimedReminder[]> =>
      reminders.claimDue(now, instance, limit, new Date(now.getTime() - CLAIM_TIMEOUT_MS)),

    finish: (id: string, outcome: "sent" | "skipped" | "failed", at: Date) => reminders.finish(id, instance, outcome, at),

    /** A temporary failure: tried again later, until it has failed too often. */
    async retryLater(reminder: ClaimedReminder, at: Date): Promise<void> {
      if (reminder.attempts >= MAX_REMINDER_ATTEMPTS) return reminders.finish(reminder.id, instance, "failed", at);
      return reminders.release(reminder.id, instance);
    },

    pendingCount: () => reminders.pendingCount(),
  };
}
