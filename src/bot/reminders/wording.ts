// What each kind of reminder says, in the recipient's language. Keyed by the
// kinds of content: a kind without wording fails the type check.
import type { InlineKeyboard } from "grammy";
import { formatDate, formatDateTime } from "../../domain/format.ts";
import type { ReminderContent } from "../../services/reminder-content.ts";
import { complaintKeyboard, fixKeyboard } from "../appeals/keyboards.ts";
import { beginKeyboard } from "../callback-data/begin.ts";
import type { Translate } from "../i18n.ts";
import { applicationCardKeyboard, applicationCardText } from "../staff/cards.ts";
import type { DeskLinks } from "../staff/desk-links.ts";

export type ReminderText = string | { text: string; reply_markup: InlineKeyboard };

/** What a wording may need beside the text: the desk's links for a card's "Open". */
type WordingContext = { links: DeskLinks | undefined };

type Wordings = {
  [K in ReminderContent["kind"]]: (
    content: Extract<ReminderContent, { kind: K }>,
    t: Translate,
    context: WordingContext,
  ) => ReminderText;
};

const wordings: Wordings = {
  application_decided: ({ application }, t) =>
    application.status === "registered"
      ? t("decision.registered", { number: application.number ?? "" })
      : {
          text: t("decision.refused", {
            number: application.number ?? "",
            ground: t(`refusalGround.${application.refusalGround}`),
            note: application.refusalNote ?? "",
          }),
          reply_markup: complaintKeyboard(t),
        },

  application_due: ({ application }, t) =>
    t("reminder.applicationDue", { number: application.number ?? "", dueDate: formatDate(application.dueDate ?? "") }),

  appeal_changed: ({ appeal }, t) => {
    if (appeal.status === "non_compliant") {
      const missing = appeal.missing.map((requirement) => `• ${t(`appeal.requirement.${requirement}`)}`).join("\n");
      return {
        text: t("appeal.changed.non_compliant", {
          number: appeal.number,
          missing,
          fixBy: formatDate(appeal.fixBy ?? ""),
        }),
        reply_markup: fixKeyboard(t, appeal.id),
      };
    }
    const text = t(`appeal.changed.${appeal.status}`, {
      number: appeal.number,
      note: appeal.decisionNote ?? "",
      body: appeal.referredTo ? t(`appeal.body.${appeal.referredTo}`) : "",
      dueDate: formatDate(appeal.extendedTo ?? appeal.dueDate),
    });
    // A refusal explains how to complain: the button files the complaint.
    return appeal.status === "refused" ? { text, reply_markup: complaintKeyboard(t) } : text;
  },

  appeal_fix_by: ({ appeal }, t) => ({
    text: t("appeal.fixReminder", { number: appeal.number, fixBy: formatDate(appeal.fixBy ?? "") }),
    reply_markup: fixKeyboard(t, appeal.id),
  }),

  appeal_silence: ({ appeal }, t) => ({
    text: t("appeal.silence", { number: appeal.number, dueDate: formatDate(appeal.extendedTo ?? appeal.dueDate) }),
    reply_markup: complaintKeyboard(t),
  }),

  complaint_changed: ({ complaint }, t) =>
    t(`complaint.changed.${complaint.status}`, {
      number: complaint.number,
      note: complaint.decisionNote ?? "",
      dueDate: formatDate(complaint.dueDate),
    }),

  complaint_silence: ({ complaint }, t) =>
    t("complaint.silence", { number: complaint.number, dueDate: formatDate(complaint.dueDate) }),

  complaint_window: ({ of, number, ends }, t) => ({
    text: t(of === "appeal" ? "complaint.windowClosing.appeal" : "complaint.windowClosing.application", {
      number,
      ends: formatDate(ends),
    }),
    reply_markup: complaintKeyboard(t),
  }),

  draft_expiring: ({ deletesOn }, t) => ({
    text: t("retention.draftExpiring", { date: formatDate(deletesOn) }),
    reply_markup: beginKeyboard(t("registration.continue")),
  }),

  staff_digest: ({ today, applications, appeals, complaints }, t) =>
    [
      t("staff.digest.title", { today: formatDate(today) }),
      ...applications.map((a) =>
        t("staff.digest.line", {
          number: a.number ?? "",
          due: formatDate(a.dueDate ?? ""),
          who: a.assignee?.name ?? t("staff.queue.nobody"),
        }),
      ),
      ...appeals.map((a) => t("staff.digest.appeal", { number: a.number, due: formatDate(a.extendedTo ?? a.dueDate) })),
      ...complaints.map((c) => t("staff.digest.complaint", { number: c.number, due: formatDate(c.dueDate) })),
    ].join("\n"),

  staff_overdue: ({ what, number, dueDate }, t) => t(`staff.overdue.${what}`, { number, dueDate: formatDate(dueDate) }),

  staff_escalation: ({ level, application, applicantLanguage }, t, { links }) => {
    const header = t(`staff.escalation.${level}`, { due: formatDate(application.dueDate ?? "") });
    // The card again, as masked as the card itself, with its buttons.
    const text = applicationCardText(t, application, applicantLanguage, header);
    const keyboard = applicationCardKeyboard(t, application, links);
    return keyboard ? { text, reply_markup: keyboard } : text;
  },

  staff_outbox_overdue: ({ groups }, t) =>
    [
      t("staff.outboxOverdue.title"),
      ...groups.map((group) =>
        t("staff.outboxOverdue.line", {
          what: t(`staff.outboxOverdue.kind.${group.kind}`, { defaultValue: group.kind }),
          count: String(group.count),
          since: formatDateTime(group.oldestDueAt),
        }),
      ),
      t("staff.outboxOverdue.footer"),
    ].join("\n"),
};

export function wordReminder(
  content: ReminderContent,
  t: Translate,
  context: WordingContext = { links: undefined },
): ReminderText {
  const word = wordings[content.kind] as (
    content: ReminderContent,
    t: Translate,
    context: WordingContext,
  ) => ReminderText;
  return word(content, t, context);
}
