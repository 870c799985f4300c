// Sends the reminders that are due: claims them (so another instance does
// not), checks each is still wanted, words it in the person's language, and
// sends it through the throttled broadcast API. What Telegram cannot take now
// (429, 5xx, the network) is tried again later, never given up; what it
// refuses for good (blocked, chat not found, a bad request) is recorded.
import { type Api, GrammyError, HttpError } from "grammy";
import { describeError, type Logger } from "../../logger.ts";
import type { Services } from "../../services/index.ts";
import { type DueReminder, isReminderKind, type ReminderKind } from "../../services/reminder-messages.ts";
import type { Translator } from "../i18n.ts";
import type { DeskLinks } from "../staff/desk-links.ts";
import { type ReminderText, wordReminder } from "./wording.ts";

/** Why Telegram refused a reminder for good (a closed list: a metrics label). */
export type UndeliverableReason = "blocked" | "chat_not_found" | "rejected";

export type DispatchReport = {
  sent: number;
  skipped: number;
  /** Refused for good, by why. */
  failed: number;
  undeliverable: Partial<Record<UndeliverableReason, number>>;
  /** Tried again later (a temporary failure). */
  retried: number;
  /** Newly found undelivered an hour after they were due, by kind ("other" for a row of no known kind). */
  overdue: Partial<Record<ReminderKind | "other", number>>;
  /** The round was told to stop with a full batch just sent: more may be due now. */
  cutShort: boolean;
};

export const emptyReport = (): DispatchReport => ({
  sent: 0,
  skipped: 0,
  failed: 0,
  undeliverable: {},
  retried: 0,
  overdue: {},
  cutShort: false,
});

type Failure = { temporary: true; error: string } | { temporary: false; error: string; reason: UndeliverableReason };

/** Only Telegram's refusal of the message itself is final; everything else may pass. */
export function classifyFailure(error: unknown): Failure {
  if (error instanceof GrammyError) {
    const text = `${error.error_code}: ${error.description}`;
    if (error.error_code === 429 || error.error_code >= 500) return { temporary: true, error: text };
    if (error.error_code === 403) return { temporary: false, error: text, reason: "blocked" };
    if (/chat not found/i.test(error.description)) return { temporary: false, error: text, reason: "chat_not_found" };
    return { temporary: false, error: text, reason: "rejected" };
  }
  if (error instanceof HttpError) return { temporary: true, error: "network: Telegram did not answer" };
  // Our own failure (the database while wording it): the next try may pass.
  return { temporary: true, error: `internal: ${error instanceof Error ? error.name : typeof error}` };
}

export function createReminderDispatcher(deps: {
  api: Api;
  services: Services;
  translator: Translator;
  logger: Logger;
  batchSize?: number;
  /** Into the operators' desk (a warning's card has "Open"); undefined without one. */
  deskLinks?: DeskLinks | undefined;
}) {
  const { api, services, translator, logger } = deps;
  const now = () => services.clock.now();

  const sendOne = async (reminder: DueReminder, report: DispatchReport): Promise<void> => {
    let outcome: "sent" | "skipped";
    try {
      const prepared = await services.reminderContents.prepare(reminder);
      if (prepared === undefined) {
        outcome = "skipped";
      } else {
        const text: ReminderText = wordReminder(prepared.content, translator.t(prepared.language), {
          links: deps.deskLinks,
        });
        const message =
          typeof text === "string"
            ? await api.sendMessage(reminder.chatId, text)
            : await api.sendMessage(reminder.chatId, text.text, { reply_markup: text.reply_markup });
        outcome = "sent";
        // A warning is a card of the application too: operators decide from it.
        if (prepared.content.kind === "staff_escalation") {
          await services.staffChat
            .recordPost(message.chat.id, message.message_id, {
              kind: "due_warning",
              applicationId: prepared.content.application.id,
            })
            .catch((error: unknown) => logger.warn({ err: describeError(error) }, "could not record a warning"));
        }
      }
    } catch (error) {
      const failure = classifyFailure(error);
      if (failure.temporary) {
        report.retried++;
        const retryAt = await services.reminders.retryLater(reminder, now(), failure.error);
        logger.warn(
          { kind: reminder.kind, attempts: reminder.attempts, retryAt, err: describeError(error) },
          "reminder will be tried again",
        );
        return;
      }
      // Sending again will not help. (A decision is still in /status and /history.)
      logger.warn({ kind: reminder.kind, err: describeError(error) }, "reminder could not be delivered");
      report.failed++;
      report.undeliverable[failure.reason] = (report.undeliverable[failure.reason] ?? 0) + 1;
      await services.reminders.fail(reminder.id, now(), failure.error);
      return;
    }
    report[outcome]++;
    // Outside the try: a failed write here must not send the message again.
    await services.reminders.finish(reminder.id, outcome, now());
  };

  /** Reminders undelivered for an hour: counted, and the staff chat told (sent in this round). */
  const reportOverdue = async (report: DispatchReport) => {
    const groups = await services.reminders.reportOverdue(now());
    for (const group of groups) {
      const kind = isReminderKind(group.kind) ? group.kind : "other";
      report.overdue[kind] = (report.overdue[kind] ?? 0) + group.count;
    }
    if (groups.length > 0)
      logger.warn(
        { overdue: groups.map(({ kind, count, oldestDueAt }) => ({ kind, count, oldestDueAt })) },
        "reminders undelivered an hour after they were due",
      );
  };

  let running: Promise<DispatchReport> | undefined;

  const dispatch = async (keepGoing: () => boolean): Promise<DispatchReport> => {
    const report = emptyReport();
    await reportOverdue(report).catch((error: unknown) =>
      logger.warn({ err: describeError(error) }, "could not look for overdue reminders"),
    );
    const batchSize = deps.batchSize ?? 100;
    let fullBatch = false;
    while (keepGoing()) {
      const batch = await services.reminders.claimDue(now(), batchSize);
      fullBatch = batch.length === batchSize;
      if (batch.length === 0) break;
      // The throttler queues them: they leave at Telegram's pace. The next
      // batch is claimed once these are sent. Claimed earlier (tried), its
      // preparation, a hundred reads and openings at once, held up the event
      // loop while messages were leaving: in the 2,000-reminder test, 37
      // reached the emulator within one second (BENCHMARKS.md, "Reminders").
      const results = await Promise.allSettled(batch.map((reminder) => sendOne(reminder, report)));
      for (const result of results) {
        if (result.status === "rejected")
          logger.warn({ err: describeError(result.reason) }, "reminder bookkeeping failed");
      }
      // Telegram could not take one now: the rest waits for the next round.
      if (report.retried > 0) return report;
    }
    report.cutShort = fullBatch;
    return report;
  };

  return {
    /** Sends everything due now, batch after batch while `keepGoing`; a call while a round runs joins that round. */
    dispatchDue(keepGoing: () => boolean = () => true): Promise<DispatchReport> {
      running ??= dispatch(keepGoing).finally(() => {
        running = undefined;
      });
      return running;
    },
  };
}
