// What runs on the clock rather than on an update: due reminders (also those
// that fell due while the bot was down), the staff chat's morning digest,
// warnings of applications' terms, cards that failed to post, and forgetting
// handled updates after a day. One round at a time; every piece claims its
// rows, so several instances can run it together.
//
// Each step is bounded in time and fails alone: one that overruns its bound
// (a hung query, a Telegram call that never answers) is logged and left
// behind, the round goes on with the next step, and that step is not started
// again until its earlier run has ended, so it never runs twice at once.
import type { createReminderDispatcher, DispatchReport } from "./bot/reminders/dispatcher.ts";
import type { StaffDesk } from "./bot/staff/staff-desk.ts";
import { isWorkingDay, nextWorkingDay } from "./domain/calendar.ts";
import { almatyDate, almatyInstant } from "./domain/dates.ts";
import { STAFF_DIGEST_TIME } from "./domain/deadlines.ts";
import { describeError, type Logger } from "./logger.ts";
import type { Services } from "./services/index.ts";
import type { NewReminder } from "./services/reminder-messages.ts";

/** How long one step of a round may take before the round goes on without it. */
export const STEP_TIME_BOUND_MS = 60_000;

export type ScheduledWork = {
  /** One round now (after the one under way, if any; calls while one waits join it). */
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
  /** The time bound of each step (tests shorten it). */
  stepTimeBoundMs?: number;
}): ScheduledWork {
  const { services, dispatcher, desk, staffChatId, logger } = deps;
  const bound = deps.stepTimeBoundMs ?? STEP_TIME_BOUND_MS;
  const now = () => services.clock.now();
  // Retention runs once a day (Almaty) per instance; its steps are idempotent.
  let retentionDay: string | undefined;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  /** Steps whose last run has not ended yet (it overran its bound). */
  const unfinished = new Map<string, Promise<void>>();

  const step = async (name: string, task: () => Promise<void>) => {
    if (stopped) return;
    if (unfinished.has(name)) {
      logger.warn({ step: name }, "scheduled step still running since an earlier round; not started again");
      return;
    }
    const run = task().catch((error: unknown) => {
      logger.warn({ step: name, err: describeError(error) }, "scheduled step failed");
    });
    let timeout: NodeJS.Timeout | undefined;
    const overran = await Promise.race([
      run.then(() => false),
      new Promise<boolean>((resolve) => {
        timeout = setTimeout(() => resolve(true), bound);
      }),
    ]);
    clearTimeout(timeout);
    if (!overran) return;
    logger.warn({ step: name, boundMs: bound }, "scheduled step overran its time bound; the round goes on without it");
    unfinished.set(name, run);
    void run.finally(() => {
      unfinished.delete(name);
      logger.info({ step: name }, "scheduled step that overran has ended");
    });
  };

  const round = async () => {
    if (staffChatId !== undefined)
      await step("staff digest", () => services.reminders.schedule(staffDigestFor(now(), staffChatId)));
    // Queued before the reminders go, so the warnings leave in this round.
    if (desk)
      await step("escalations", async () => {
        const queued = await services.escalations.scheduleDue(now());
        if (queued > 0) logger.info({ queued }, "term warnings queued for the staff chat");
      });
    // Before the reminders too: its warnings of idle drafts leave in this round.
    await step("retention", async () => {
      const today = almatyDate(now());
      if (retentionDay === today) return;
      const report = await services.retention.run(now());
      retentionDay = today;
      logger.info(report, "retention: idle drafts, used one-time passwords and old form states");
    });
    await step("reminders", async () => {
      // Stopping: the batch in hand is sent, no new one is claimed. A long
      // backlog yields within the bound so the other steps get their turn,
      // and the next round starts right after this one, not on the next
      // tick: waiting for the tick idled the pipe half of every minute.
      const started = Date.now();
      const report = await dispatcher.dispatchDue(() => !stopped && Date.now() - started < bound / 2);
      deps.onReminders?.(report);
      if (report.sent + report.failed + report.skipped > 0) logger.info(report, "reminders sent");
      if (report.cutShort) kick();
    });
    if (desk) await step("missing cards", () => desk.postMissingCards());
    await step("update ledger", async () => {
      await services.updateLedger.purge();
    });
  };

  let current: Promise<void> = Promise.resolve();
  // The round waiting for the current one to end: calls meanwhile join it,
  // so a slow round never piles up a queue of rounds behind it.
  let next: Promise<void> | undefined;
  const run = () => {
    // After stop() the database is closing: a late kick (a handler still
    // finishing) must not start a round.
    if (stopped) return current;
    next ??= current.then(() => {
      next = undefined;
      current = round();
      return current;
    });
    return next;
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
      await (next ?? current).catch(() => undefined);
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
