// Sends the reminders that are due: claims them (so another instance does
// not), checks each is still wanted, words it in the person's language, and
// sends it through the throttled broadcast API.
import { type Api, GrammyError, type InlineKeyboard } from "grammy";
import { fixKeyboard } from "../appeals/keyboards.ts";
import type { ClaimedReminder } from "../../db/reminders.ts";
import { describeError, type Logger } from "../../logger.ts";
import type { Services } from "../../services/index.ts";
import { formatDate } from "../format.ts";
import type { Translate, Translator } from "../i18n.ts";

export type DispatchReport = { sent: number; skipped: number; failed: number; retried: number };

type Message = string | { text: string; reply_markup: InlineKeyboard };
type Wording = (reminder: ClaimedReminder, t: Translate) => Promise<Message | undefined>;

export function createReminderDispatcher(deps: {
  api: Api;
  services: Services;
  translator: Translator;
  logger: Logger;
  /** Where overdue appeals and complaints are reported at once. */
  staffChatId?: number;
  batchSize?: number;
}) {
  const { api, services, translator, logger } = deps;

  /** An appeal or complaint whose term passed: the operators hear of it at once (same round). */
  const tellStaffOverdue = async (what: "appeal" | "complaint", number: string, dueDate: string) => {
    if (deps.staffChatId === undefined) return;
    await services.reminders.schedule([
      { kind: "staff_overdue", dueAt: services.clock.now(), chatId: deps.staffChatId, payload: { what, number, dueDate }, dedupeKey: `staff_overdue:${number}` },
    ]);
  };

  // Each kind says what it says, or undefined when it is no longer wanted.
  const wordings: Record<string, Wording> = {
    async complaint_changed(reminder, t) {
      const complaint = await services.complaints.findById(String(reminder.payload.complaintId));
      const status = String(reminder.payload.status);
      if (!complaint || complaint.status !== status) return undefined;
      return t(`complaint.changed.${status}`, { number: complaint.number, note: complaint.decisionNote ?? "", dueDate: formatDate(complaint.dueDate) });
    },
    async staff_overdue(reminder, t) {
      const { what, number, dueDate } = reminder.payload as { what: "appeal" | "complaint"; number: string; dueDate: string };
      return t(`staff.overdue.${what}`, { number, dueDate: formatDate(dueDate) });
    },
    async complaint_silence(reminder, t) {
      const complaint = await services.complaints.refuseBySilence(String(reminder.payload.complaintId), services.clock.now());
      if (!complaint) return undefined;
      await tellStaffOverdue("complaint", complaint.number, complaint.dueDate);
      return t("complaint.silence", { number: complaint.number, dueDate: formatDate(complaint.dueDate) });
    },
    async complaint_window(reminder, t) {
      const { subject, number, ends } = reminder.payload as { subject: string; number: string; ends: string };
      if (await services.complaints.hasComplaintAbout(reminder.chatId, subject)) return undefined;
      return t("complaint.windowClosing", { number, ends: formatDate(ends) });
    },
    async appeal_fix_by(reminder, t) {
      const appeal = await services.appeals.findById(String(reminder.payload.appealId));
      if (!appeal || appeal.status !== "non_compliant" || appeal.fixBy !== reminder.payload.fixBy) return undefined;
      return { text: t("appeal.fixReminder", { number: appeal.number, fixBy: formatDate(appeal.fixBy ?? "") }), reply_markup: fixKeyboard(t, appeal.id) };
    },
    async appeal_changed(reminder, t) {
      const appeal = await services.appeals.findById(String(reminder.payload.appealId));
      const status = String(reminder.payload.status);
      if (!appeal || appeal.status !== status) return undefined;
      if (status === "non_compliant") {
        const missing = appeal.missing.map((requirement) => `• ${t(`appeal.requirement.${requirement}`)}`).join("\n");
        return { text: t("appeal.changed.non_compliant", { number: appeal.number, missing, fixBy: formatDate(appeal.fixBy ?? "") }), reply_markup: fixKeyboard(t, appeal.id) };
      }
      return t(`appeal.changed.${status}`, {
        number: appeal.number,
        note: appeal.decisionNote ?? "",
        body: appeal.referredTo ? t(`appeal.body.${appeal.referredTo}`) : "",
        dueDate: formatDate(appeal.extendedTo ?? appeal.dueDate),
      });
    },
    async appeal_silence(reminder, t) {
      const appeal = await services.appeals.refuseBySilence(String(reminder.payload.appealId), services.clock.now());
      if (!appeal) return undefined;
      await tellStaffOverdue("appeal", appeal.number, appeal.extendedTo ?? appeal.dueDate);
      return t("appeal.silence", { number: appeal.number, dueDate: formatDate(appeal.extendedTo ?? appeal.dueDate) });
    },
    async staff_digest(reminder, t) {
      const { today, next } = reminder.payload as { today: string; next: string };
      const applications = await services.staffRecords.undecidedDueBy(next);
      const appeals = await services.appeals.openDueBy(next);
      const complaints = await services.complaints.openDueBy(next);
      if (applications.length + appeals.length + complaints.length === 0) return undefined;
      return [
        t("staff.digest.title", { today: formatDate(today) }),
        ...applications.map((a) => t("staff.digest.line", { number: a.number ?? "", due: formatDate(a.dueDate ?? ""), who: a.assignee?.name ?? t("staff.queue.nobody") })),
        ...appeals.map((a) => t("staff.digest.appeal", { number: a.number, due: formatDate(a.extendedTo ?? a.dueDate) })),
        ...complaints.map((c) => t("staff.digest.complaint", { number: c.number, due: formatDate(c.dueDate) })),
      ].join("\n");
    },
    async application_decided(reminder, t) {
      const application = await services.registration.findApplication(String(reminder.payload.applicationId));
      if (!application || (application.status !== "registered" && application.status !== "refused")) return undefined;
      if (application.status === "registered") return t("decision.registered", { number: application.number ?? "" });
      return t("decision.refused", {
        number: application.number ?? "",
        ground: t(`refusalGround.${application.refusalGround}`),
        note: application.refusalNote ?? "",
      });
    },
    async application_due(reminder, t) {
      const application = await services.registration.findApplication(String(reminder.payload.applicationId));
      if (!application || application.status !== "submitted") return undefined;
      return t("reminder.applicationDue", { number: application.number ?? "", dueDate: formatDate(application.dueDate ?? "") });
    },
  };

  /** What to send, or undefined when it is no longer wanted. */
  const word = async (reminder: ClaimedReminder): Promise<Message | undefined> => {
    const wording = wordings[reminder.kind];
    if (!wording) return undefined;
    // Groups are the staff chat, with a language of its own.
    const language =
      reminder.chatId < 0 ? await services.staffChats.language(reminder.chatId) : ((await services.languagePreference.chosenLanguage(reminder.chatId)) ?? "ru");
    return wording(reminder, translator.t(language));
  };

  const sendOne = async (reminder: ClaimedReminder, report: DispatchReport): Promise<void> => {
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

  const dispatch = async (): Promise<DispatchReport> => {
    const report: DispatchReport = { sent: 0, skipped: 0, failed: 0, retried: 0 };
    for (;;) {
      const batch = await services.reminders.claimDue(services.clock.now(), deps.batchSize ?? 100);
      if (batch.length === 0) return report;
      // The throttler queues them: they leave at Telegram's pace.
      const results = await Promise.allSettled(batch.map((reminder) => sendOne(reminder, report)));
      for (const result of results) {
        if (result.status === "rejected") logger.warn({ err: describeError(result.reason) }, "reminder bookkeeping failed");
      }
      if (report.retried > 0) return report;
    }
  };

  return {
    /** Sends everything due now; a call while a round runs joins that round. */
    dispatchDue(): Promise<DispatchReport> {
      running ??= dispatch().finally(() => {
        running = undefined;
      });
      return running;
    },
  };
}
