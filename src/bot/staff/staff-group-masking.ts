// Masks, once in all, what versions before the masked cards posted in the
// staff group (services/staff-group-masking.ts plans it). It runs in the
// background after the start: one instance at a time holds the task's lease,
// and one stopped or dead is followed by another from where it got. Calls go
// through the throttled API (20 a minute to a group, 429s waited out), so a
// large group takes a while and nothing else waits for it.

import { randomUUID } from "node:crypto";
import { type Api, GrammyError } from "grammy";
import { describeError, type Logger } from "../../logger.ts";
import type { Services } from "../../services/index.ts";
import type { MaskedCardSubject, MaskingReport, MaskingStep } from "../../services/staff-group-masking.ts";
import { sleep } from "../../sleep.ts";
import type { StaffDesk } from "./staff-desk.ts";

/** The lease: renewed every few steps, so an instance that died is followed within it. */
const LEASE_MS = 5 * 60_000;
const RENEW_EVERY_STEPS = 10;
/** After Telegram or the database failed the run (away, the bot removed from the group): the next try. */
const RETRY_MS = 5 * 60_000;
/** While another instance holds the lease: how often to look whether it finished or died. */
const WATCH_MS = 60_000;

type Outcome = "rendered" | "unchanged" | "deleted" | "gone" | "remaining";

/** Telegram's answers (400) that settle a message, by what they mean here. */
function settled(error: unknown, action: "edit" | "delete"): Outcome | undefined {
  if (!(error instanceof GrammyError) || error.error_code !== 400) return undefined;
  const description = error.description.toLowerCase();
  if (description.includes("message is not modified")) return "unchanged";
  if (description.includes(`message to ${action} not found`)) return "gone";
  // Too old (a bot deletes its messages in groups for 48 hours), or not editable.
  if (description.includes(`message can't be ${action === "edit" ? "edited" : "deleted"}`)) return "remaining";
  return undefined;
}

export type StaffGroupMaskingRun = {
  /** Settles when the task is done here, found done or taken, or stopped. */
  done: Promise<void>;
  stop(): Promise<void>;
};

export function maskStaffGroupInBackground(deps: {
  api: Api;
  desk: StaffDesk;
  services: Services;
  logger: Logger;
  /** Told the finished task's report (the metric of messages that still name people). */
  onReport?: (report: MaskingReport) => void;
  retryMs?: number;
  watchMs?: number;
}): StaffGroupMaskingRun {
  const { api, desk, services, logger } = deps;
  const masking = services.staffGroupMasking;
  const owner = `bot-${process.pid}-${randomUUID().slice(0, 8)}`;
  const stopping = new AbortController();
  const { signal } = stopping;

  const edit = async (messageId: number, subject: MaskedCardSubject, id: string): Promise<Outcome> => {
    const card = await desk.cardNow(subject, id);
    // Its subject is gone (deleted after its retention): nothing to render, so the old text goes.
    if (!card) return remove(messageId);
    try {
      await api.editMessageText(
        desk.staffChatId,
        messageId,
        card.text,
        card.keyboard ? { reply_markup: card.keyboard } : {},
      );
      return "rendered";
    } catch (error) {
      const outcome = settled(error, "edit");
      if (outcome) return outcome;
      throw error;
    }
  };

  const remove = async (messageId: number): Promise<Outcome> => {
    try {
      await api.deleteMessage(desk.staffChatId, messageId);
      return "deleted";
    } catch (error) {
      const outcome = settled(error, "delete");
      if (outcome) return outcome;
      throw error;
    }
  };

  const perform = async (step: MaskingStep): Promise<Outcome> => {
    if (step.action === "render") return edit(step.messageId, step.subject, step.id);
    const outcome = await remove(step.messageId);
    return outcome === "remaining" && step.orElse ? edit(step.messageId, step.orElse.subject, step.orElse.id) : outcome;
  };

  /** One run: "wait" while another instance holds the task (it may die and leave it). */
  const run = async (): Promise<"over" | "wait"> => {
    const report = await masking.claim(owner, LEASE_MS);
    if (!report) {
      const state = await masking.state();
      if (!state.over) return "wait";
      if (state.report) deps.onReport?.(state.report);
      return "over";
    }
    const plan = await masking.plan(desk.staffChatId);
    report.notReached = plan.notReached;
    const steps = plan.steps.filter((step) => step.messageId > report.lastMessageId);
    if (steps.length > 0)
      logger.info({ messages: steps.length }, "masking what older versions posted in the staff group");
    let sinceRenewal = 0;
    try {
      for (const step of steps) {
        if (signal.aborted) {
          await masking.release(owner, report);
          return "over";
        }
        // The group became a supergroup meanwhile: calls to its old id would land there. Planned again,
        // from the start (message ids are the chat's own).
        if (desk.staffChatId !== plan.chatId) {
          await masking.release(owner, { ...report, lastMessageId: 0 });
          return "wait";
        }
        report[await perform(step)]++;
        report.lastMessageId = step.messageId;
        if (++sinceRenewal >= RENEW_EVERY_STEPS) {
          sinceRenewal = 0;
          // Taken over (this instance was too slow to renew): the other goes on.
          if (!(await masking.progress(owner, LEASE_MS, report))) return "wait";
        }
      }
    } catch (error) {
      await masking.release(owner, report).catch(() => undefined);
      throw error;
    }
    if (!(await masking.finish(owner, report))) return "wait";
    // Counts only: no message text, no one's data.
    logger.info(report, "staff group masked: older cards shown masked, relayed messages deleted");
    if (report.remaining + report.notReached > 0)
      logger.warn(
        { remaining: report.remaining, notReached: report.notReached },
        "messages of older versions still name people in the staff group: delete them by hand",
      );
    deps.onReport?.(report);
    return "over";
  };

  const done = (async () => {
    while (!signal.aborted) {
      try {
        if ((await run()) === "over") return;
        await sleep(deps.watchMs ?? WATCH_MS, signal);
      } catch (error) {
        logger.warn({ err: describeError(error) }, "masking the staff group failed; trying again later");
        await sleep(deps.retryMs ?? RETRY_MS, signal);
      }
    }
  })();

  return {
    done,
    stop: async () => {
      stopping.abort();
      await done;
    },
  };
}
