// Use case: reminders, scheduled when something happens and sent when due.
// A temporary failure (Telegram's 429 or 5xx, the network) is never final:
// the reminder is tried again, less and less often, until it is delivered;
// one still undelivered an hour after it was due is reported to the staff
// chat once. Only Telegram's refusal of the message itself ends it.
import { randomUUID } from "node:crypto";
import type { OverdueGroup } from "../db/reminders.ts";
import type { Repositories } from "../db/repositories.ts";
import type { UnitOfWork } from "../db/unit-of-work.ts";
import { type DueReminder, type NewReminder, parseDueReminder, reminderRow } from "./reminder-messages.ts";

/**
 * A claim older than this is considered abandoned (its instance died). Far
 * above the longest send: the throttler's queue for a batch plus auto-retry's
 * 3 attempts of at most 30 s.
 */
const CLAIM_TIMEOUT_MS = 15 * 60_000;
/** The pause after the first failed try; it doubles with each try, up to RETRY_MAX_MS. */
export const RETRY_FIRST_MS = 60_000;
export const RETRY_MAX_MS = 60 * 60_000;
/** Undelivered this long after it was due: the staff chat is told (once per reminder). */
export const OVERDUE_AFTER_MS = 60 * 60_000;

/** The pause before the next try of a reminder tried `attempts` times: 1, 2, 4 … 32, then 60 minutes. */
export function retryDelayMs(attempts: number): number {
  return Math.min(RETRY_MAX_MS, RETRY_FIRST_MS * 2 ** Math.max(0, Math.min(attempts - 1, 20)));
}

export type ReminderService = ReturnType<typeof createReminderService>;

/** Schedules reminders with the caller's repositories (inside the caller's transaction). */
export async function scheduleReminders(repos: Repositories, reminders: NewReminder[]): Promise<void> {
  await repos.reminders.schedule(reminders.map(reminderRow));
}

export function createReminderService(db: UnitOfWork, staffChatId?: number) {
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
        else await reminders.finish(row.id, instance, "failed", now, "unknown kind or payload");
      }
      return due;
    },

    finish: (id: string, outcome: "sent" | "skipped", at: Date) => reminders.finish(id, instance, outcome, at),

    /** Telegram refused the message itself (blocked, chat not found, a bad request): sending again will not help. */
    fail: (id: string, at: Date, error: string) => reminders.finish(id, instance, "failed", at, error),

    /** A temporary failure: tried again after a pause that doubles with each try, never given up. */
    async retryLater(reminder: DueReminder, at: Date, error: string): Promise<Date> {
      const retryAt = new Date(at.getTime() + retryDelayMs(reminder.attempts));
      await reminders.release(reminder.id, instance, retryAt, error);
      return retryAt;
    },

    /**
     * Reminders still undelivered an hour after they were due, each reported
     * once: counted by kind, and the staff chat told in one message (its own
     * reminder, so it is retried too; never about itself).
     */
    async reportOverdue(now: Date): Promise<OverdueGroup[]> {
      return db.transaction(async (repos) => {
        const groups = await repos.reminders.claimOverdue(new Date(now.getTime() - OVERDUE_AFTER_MS), now, [
          "staff_outbox_overdue",
        ]);
        if (groups.length > 0 && staffChatId !== undefined) {
          await scheduleReminders(repos, [
            {
              kind: "staff_outbox_overdue",
              dueAt: now,
              chatId: staffChatId,
              payload: {
                groups: groups.map((group) => ({ ...group, oldestDueAt: group.oldestDueAt.toISOString() })),
              },
            },
          ]);
        }
        return groups;
      });
    },

    pendingCount: () => reminders.pendingCount(),
  };
}
