// What operators see in the staff chat, in the staff chat's language.
import { InlineKeyboard } from "grammy";
import type { Application } from "../../domain/application.ts";
import type { ThreadView } from "../../services/support.ts";
import { applicationStatusText } from "../application-status.ts";
import { staffData } from "../callback-data/staff.ts";
import { formatDate, formatDateTime } from "../format.ts";
import type { Translate } from "../i18n.ts";
import { formDetails } from "../registration/summary-text.ts";

export function applicationCardText(t: Translate, application: Application): string {
  const lines = [
    t("staff.card.title", { number: application.number ?? "" }),
    t("staff.card.received", { at: application.submittedAt ? formatDateTime(application.submittedAt) : "" }),
    t("staff.card.due", { date: application.dueDate ? formatDate(application.dueDate) : "" }),
    "",
    formDetails(t, application.form),
    "",
    statusLine(t, application),
  ];
  return lines.join("\n");
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

export function applicationCardKeyboard(t: Translate, application: Application): InlineKeyboard | undefined {
  if (application.status !== "submitted") return undefined;
  return new InlineKeyboard()
    .text(t("staff.button.take"), staffData.encode("take", application.id))
    .row()
    .text(t("staff.button.register"), staffData.encode("register", application.id))
    .text(t("staff.button.refuse"), staffData.encode("refuse", application.id));
}

export function refusalGroundKeyboard(t: Translate, applicationId: string): InlineKeyboard {
  return new InlineKeyboard()
    .text(t("refusalGround.unreliable_documents"), staffData.encode("ground", applicationId, "unreliable_documents"))
    .row()
    .text(
      t("refusalGround.non_compliant_information"),
      staffData.encode("ground", applicationId, "non_compliant_information"),
    )
    .row()
    .text(t("staff.button.back"), staffData.encode("back", applicationId));
}

export function threadCardText(t: Translate, view: ThreadView, person: string): string {
  return [
    t("staff.thread.title", { person }),
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
