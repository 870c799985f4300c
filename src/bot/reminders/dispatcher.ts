// Sends the reminders that are due: claims them (so another instance does
// not), checks each is still wanted, words it in the person's language, and
// sends it through the throttled broadcast API.
import { type Api, GrammyError } from "grammy";
import { describeError, type Logger } from "../../logger.ts";
import type { Services } from "../../services/index.ts";
import type { DueReminder } from "../../services/reminder-messages.ts";
import type { Translator } from "../i18n.ts";
import { type ReminderText, wordReminder } from "./wording.ts";

export type DispatchReport = { sent: number; skipped: number; failed: number; retried: number };

export function createReminderDispatcher(deps: {
  api: Api;
  services: Services;
  translator: Translator;
  logger: Logger;
  batchSize?: number;
}) {
  const { api, services, translator, logger } = deps;

  /** What to send, or undefined when it is no longer wanted. */
  const word = async (reminder: DueReminder): Promise<ReminderText | undefined> => {
    const prepared = await services.reminderContents.prepare(reminder);
    return prepared && wordReminder(prepared.content, translator.t(prepared.language));
  };

  const sendOne = async (reminder: DueReminder, report: DispatchReport): Promise<void> => {
    const now = () => services.clock.now();
    let outcome: "sent" | "skipped" | "failed";
    try {
      const text = await word(reminder);
      if (text === undefined) {
        outcome = "skipped";
      } else {
        if (typeof text === "string") await api.sendMessage(reminder.chatId, text);
        else await api.sendMessage(reminder.chatId, text.text, { reply_markup: text.reply_markup });
        outcome = "sent";
      }
    } catch (error) {
      // Blocked by the person, chat gone, a bad request: sending again will
      // not help. (A decision is still in /status and /history.)
      if (error instanceof GrammyError && error.error_code < 500 && error.error_code !== 429) {
        logger.warn({ kind: reminder.kind, err: describeError(error) }, "reminder could not be delivered");
        outcome = "failed";
      } else {
        logger.warn({ kind: reminder.kind, err: describeError(error) }, "reminder will be tried again");
        report.retried++;
        await services.reminders.retryLater(reminder, now());
        return;
      }
    }
    report[outcome]++;
    // Outside the try: a failed write here must not send the message again.
    await services.reminders.finish(reminder.id, outcome, now());
  };

  let running: Promise<DispatchReport> | undefined;

  const dispatch = async (keepGoing: () => boolean): Promise<DispatchReport> => {
    const report: DispatchReport = { sent: 0, skipped: 0, failed: 0, retried: 0 };
    while (keepGoing()) {
      const batch = await services.reminders.claimDue(services.clock.now(), deps.batchSize ?? 100);
      if (batch.length === 0) return report;
      // The throttler queues them: they leave at Telegram's pace.
      const results = await Promise.allSettled(batch.map((reminder) => sendOne(reminder, report)));
      for (const result of results) {
        if (result.status === "rejected")
          logger.warn({ err: describeError(result.reason) }, "reminder bookkeeping failed");
      }
      if (report.retried > 0) return report;
    }
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
