// Use case: reminders, scheduled when something happens and sent when due.
import { randomUUID } from "node:crypto";
import type { Repositories } from "../db/repositories.ts";
import type { UnitOfWork } from "../db/unit-of-work.ts";
import { type DueReminder, type NewReminder, parseDueReminder, reminderRow } from "./reminder-messages.ts";

/**
 * A claim older than this is considered abandoned (its instance died). Far
 * above the longest send: the throttler's queue for a batch plus auto-retry's
 * 3 attempts of at most 30 s.
 */
const CLAIM_TIMEOUT_MS = 15 * 60_000;
export const MAX_REMINDER_ATTEMPTS = 5;

export type ReminderService = ReturnType<typeof createReminderService>;

/** Schedules reminders with the caller's repositories (inside the caller's transaction). */
export async function scheduleReminders(repos: Repositories, reminders: NewReminder[]): Promise<void> {
  await repos.reminders.schedule(reminders.map(reminderRow));
}

export function createReminderService(db: UnitOfWork) {
  const { reminders } = db.repos;
  // Names this process in claims, for whoever reads the table.
  const instance = `bot-${process.pid}-${randomUUID().slice(0, 8)}`;
  return {
    schedule: (list: NewReminder[]) => scheduleReminders(db.repos, list),

    /** The due reminders, claimed for this instance; a row that does not parse is finished as failed. */
    async claimDue(now: Date, limit = 100): Promise<DueReminder[]> {
      const rows = await reminders.claimDue(now, instance, limit, new Date(now.getTime() - CLAIM_TIMEOUT_MS));
      const due: DueReminder[] = [];
      for (const row of rows) {
        const reminder = parseDueReminder(row);
        if (reminder) due.push(reminder);
        else await reminders.finish(row.id, instance, "failed", now);
      }
      return due;
    },

    finish: (id: string, outcome: "sent" | "skipped" | "failed", at: Date) =>
      reminders.finish(id, instance, outcome, at),

    /** A temporary failure: tried again later, until it has failed too often. */
    async retryLater(reminder: DueReminder, at: Date): Promise<void> {
      if (reminder.attempts >= MAX_REMINDER_ATTEMPTS) return reminders.finish(reminder.id, instance, "failed", at);
      return reminders.release(reminder.id, instance);
    },

    pendingCount: () => reminders.pendingCount(),
  };
}
