// What operators see in the staff chat, in the staff chat's language.
import { InlineKeyboard } from "grammy";
import { type Application, refusalGrounds } from "../../domain/application.ts";
import { applicationStatusText } from "../../domain/application-status.ts";
import { formatDate, formatDateTime } from "../../domain/format.ts";
import type { Language } from "../../domain/language.ts";
import { initialsOf, initialsOfFullName, maskIdNumber } from "../../domain/masking.ts";
import type { ThreadView } from "../../services/support.ts";
import { staffData } from "../callback-data/staff.ts";
import type { Translate } from "../i18n.ts";
import { type DeskLinks, withOpenButton } from "./desk-links.ts";

/** What the applicant reads: an operator's comment reaches them untranslated. */
export function applicantLanguageLine(t: Translate, language: Language): string {
  return t("staff.card.language", { language: t(`staff.languageName.${language}`) });
}

/**
 * Who the card is about, as the whole group may read it: initials and the
 * last 4 digits of the IIN. The rest is in the desk, where each look is audited.
 */
export function personLine(t: Translate, initials: string, iin: string | undefined): string {
  return t("staff.card.person", { initials: initials || "—", iin: iin ? maskIdNumber(iin) : "—" });
}

/**
 * The card: one message, edited in place as the application is decided. It
 * holds no phone, address or form (so it always fits one message).
 */
export function applicationCardText(
  t: Translate,
  application: Application,
  language: Language,
  header?: string,
): string {
  const { fullName, iin } = application.form;
  return [
    ...(header ? [header, ""] : []),
    t("staff.card.title", { number: application.number ?? "" }),
    personLine(t, fullName ? initialsOf(fullName) : "", iin),
    t("staff.card.received", { at: application.submittedAt ? formatDateTime(application.submittedAt) : "" }),
    t("staff.card.due", { date: application.dueDate ? formatDate(application.dueDate) : "" }),
    applicantLanguageLine(t, language),
    "",
    statusLine(t, application),
  ].join("\n");
}

function statusLine(t: Translate, application: Application): string {
  if (application.status === "registered") {
    return t("staff.card.registeredBy", {
      name: application.decidedBy?.name ?? "",
      at: application.decidedAt ? formatDateTime(application.decidedAt) : "",
    });
  }
  if (application.status === "refused") {
    return t("staff.card.refusedBy", {
      name: application.decidedBy?.name ?? "",
      at: application.decidedAt ? formatDateTime(application.decidedAt) : "",
      ground: t(`refusalGround.${application.refusalGround}`),
      note: application.refusalNote ?? "",
    });
  }
  if (application.status === "withdrawn") {
    return t("staff.card.withdrawn", { at: application.decidedAt ? formatDateTime(application.decidedAt) : "" });
  }
  if (application.assignee) return t("staff.card.takenBy", { name: application.assignee.name });
  return t("staff.card.notTaken");
}

/** The quick actions while undecided, and "Open" into the desk (when there is one) for good. */
export function applicationCardKeyboard(
  t: Translate,
  application: Application,
  links: DeskLinks | undefined,
): InlineKeyboard | undefined {
  return withOpenButton(t, quickActions(t, application), links, { kind: "application", id: application.id });
}

function quickActions(t: Translate, application: Application): InlineKeyboard | undefined {
  if (application.status !== "submitted") return undefined;
  const keyboard = new InlineKeyboard();
  // Once taken, the card names who has it: taking it again would only be refused.
  if (!application.assignee) keyboard.text(t("staff.button.take"), staffData.encode("take", application.id)).row();
  return keyboard
    .text(t("staff.button.register"), staffData.encode("register", application.id))
    .text(t("staff.button.refuse"), staffData.encode("refuse", application.id));
}

/**
 * The question that opens a refusal: the grounds in the law's full wording,
 * the buttons with short labels (the full ones were cut on a phone).
 */
export function refusalGroundQuestion(t: Translate, application: Application): string {
  const grounds = refusalGrounds.map((ground) => `• ${t(`staff.ground.${ground}`)}: ${t(`refusalGround.${ground}`)}`);
  return t("staff.refusal.chooseGround", { number: application.number ?? "", grounds: grounds.join("\n") });
}

export function refusalGroundKeyboard(t: Translate, applicationId: string): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  for (const ground of refusalGrounds)
    keyboard.text(t(`staff.ground.${ground}`), staffData.encode("ground", applicationId, ground)).row();
  return keyboard.text(t("staff.button.back"), staffData.encode("back", applicationId));
}

/** `person`: the name Telegram shows for the applicant, given here as initials only. */
export function threadCardText(t: Translate, view: ThreadView, person: string): string {
  return [
    t("staff.thread.title", { person: initialsOfFullName(person) || "—" }),
    t("staff.thread.language", { language: t(`staff.languageName.${view.applicant.language}`) }),
    !view.application
      ? t("staff.thread.noApplication")
      : view.application.number
        ? t("staff.thread.application", {
            number: view.application.number,
            status: applicationStatusText(t, view.application.status, view.application.applicantSex),
          })
        : t("staff.thread.draftApplication"),
    "",
    t("staff.thread.howToAnswer"),
  ].join("\n");
}

export function threadCardKeyboard(t: Translate, threadId: string): InlineKeyboard {
  return new InlineKeyboard().text(t("staff.button.closeThread"), staffData.encode("close", threadId));
}
