// What runs on the clock rather than on an update: due reminders (also those
// that fell due while the bot was down), the staff chat's morning digest,
// cards that failed to post, escalations of terms, and forgetting handled
// updates after a day. One round at a time;
// every piece claims its rows, so several instances can run it together.
import type { createReminderDispatcher, DispatchReport } from "./bot/reminders/dispatcher.ts";
import type { StaffDesk } from "./bot/staff/staff-desk.ts";
import { isWorkingDay, nextWorkingDay } from "./domain/calendar.ts";
import { almatyDate, almatyInstant } from "./domain/dates.ts";
import { STAFF_DIGEST_TIME } from "./domain/deadlines.ts";
import { describeError, type Logger } from "./logger.ts";
import type { Services } from "./services/index.ts";
import type { NewReminder } from "./services/reminder-messages.ts";

export type ScheduledWork = {
  /** One round now (after the one under way, if any). */
  run(): Promise<void>;
  /** A round now, without waiting for it (a decision was just stored). */
  kick(): void;
  start(intervalMs: number): void;
  stop(): Promise<void>;
};

export function createScheduledWork(deps: {
  services: Services;
  dispatcher: ReturnType<typeof createReminderDispatcher>;
  desk: StaffDesk | undefined;
  staffChatId: number | undefined;
  logger: Logger;
  /** Told what each round of reminders did (metrics). */
  onReminders?: (report: DispatchReport) => void;
}): ScheduledWork {
  const { services, dispatcher, desk, staffChatId, logger } = deps;
  const now = () => services.clock.now();
  let work: Promise<void> = Promise.resolve();
  // Retention runs once a day (Almaty) per instance; its steps are idempotent.
  let retentionDay: string | undefined;
  let timer: NodeJS.Timeout | undefined;

  // Each step on its own: one failing (a calendar year missing, a database
  // hiccup) must not stop the others.
  const step = async (name: string, task: () => Promise<void>) => {
    try {
      await task();
    } catch (error) {
      logger.warn({ step: name, err: describeError(error) }, "scheduled step failed");
    }
  };

  const round = async () => {
    if (staffChatId !== undefined)
      await step("staff digest", () => services.reminders.schedule(staffDigestFor(now(), staffChatId)));
    await step("update ledger", async () => {
      await services.updateLedger.purge();
    });
    await step("retention", async () => {
      const today = almatyDate(now());
      if (retentionDay === today) return;
      const report = await services.retention.run(now());
      retentionDay = today;
      logger.info(report, "retention: idle drafts, used one-time passwords and old form states");
    });
    await step("reminders", async () => {
      // Stopping: the batch in hand is sent, no new one is claimed.
      const report = await dispatcher.dispatchDue(() => !stopped);
      deps.onReminders?.(report);
      if (report.sent + report.failed + report.skipped > 0) logger.info(report, "reminders sent");
    });
    if (!desk) return;
    await step("missing cards", () => desk.postMissingCards());
    await step("escalations", async () => {
      for (const escalation of await services.escalations.claimDue(now())) {
        await desk
          .postEscalation(escalation)
          .catch((error: unknown) => logger.warn({ err: describeError(error) }, "could not post an escalation"));
      }
    });
  };

  let stopped = false;
  const run = () => {
    // After stop() the database is closing: a late kick (a handler still
    // finishing) must not start a round.
    if (stopped) return work;
    work = work.then(round, round);
    return work;
  };
  const kick = () => {
    run().catch((error: unknown) => logger.warn({ err: describeError(error) }, "scheduled work failed"));
  };

  return {
    run,
    kick,
    start(intervalMs) {
      kick();
      timer = setInterval(kick, intervalMs);
      timer.unref();
    },
    async stop() {
      stopped = true;
      clearInterval(timer);
      await work.catch(() => undefined);
    },
  };
}

/**
 * Each working morning at 09:00 Asia/Almaty the staff chat gets the
 * applications due today and on the next working day. Scheduled on every
 * round; the key makes it one row a day whoever schedules it.
 */
function staffDigestFor(now: Date, staffChatId: number): NewReminder[] {
  const today = almatyDate(now);
  if (!isWorkingDay(today)) return [];
  return [
    {
      kind: "staff_digest" as const,
      dueAt: almatyInstant(today, STAFF_DIGEST_TIME),
      chatId: staffChatId,
      payload: { today, next: nextWorkingDay(today) },
      dedupeKey: `staff_digest:${today}`,
    },
  ];
}
