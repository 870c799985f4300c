// The card of a complaint in the staff chat.
import { InlineKeyboard } from "grammy";
import type { Complainant, Complaint } from "../../domain/complaint.ts";
import type { Language } from "../../domain/language.ts";
import { staffComplaintData } from "../callback-data/staff-complaint.ts";
import { formatDate, formatDateTime, formatPhone } from "../format.ts";
import type { Translate } from "../i18n.ts";
import { fitOneMessage } from "../long-text.ts";
import { applicantLanguageLine, type CardText } from "./cards.ts";

/** One message, edited in place (see CardText): texts too long for it are in full just above. */
export function complaintCardText(t: Translate, complaint: Complaint, language: Language): CardText {
  const title = t("staff.complaint.title", { number: complaint.number });
  const body = [
    complainantLine(t, complaint.complainant),
    t("staff.complaint.subject", { subject: complaint.subject.replace(/^(application|appeal):/, "№ ") }),
    t("staff.complaint.learned", { date: formatDate(complaint.learnedDate) }),
    `${t("appeal.essenceLabel")}: ${complaint.essence}`,
  ]
    .filter((line) => line !== undefined)
    .join("\n");
  const late =
    complaint.status === "awaiting_renewal"
      ? t("staff.complaint.late", { learned: formatDate(complaint.learnedDate), reason: complaint.lateReason ?? "" })
      : undefined;
  const fitted = fitOneMessage({
    head: [
      title,
      t("staff.card.received", { at: formatDateTime(complaint.receivedAt) }),
      late ?? t("staff.appeal.due", { date: formatDate(complaint.dueDate) }),
      applicantLanguageLine(t, language),
    ].join("\n"),
    body,
    tail: t("staff.appeal.state", {
      status: t(`complaintStatus.${complaint.status}`),
      by: complaint.decidedByName ?? "—",
      note: complaint.decisionNote ?? "—",
    }),
    note: t("staff.complaint.shortened"),
  });
  return { text: fitted.text, inFull: fitted.shortened ? [title, late, body].filter(Boolean).join("\n\n") : undefined };
}

/** Complaints filed before the complainant was kept have none to show. */
function complainantLine(t: Translate, complainant: Complainant | null): string | undefined {
  if (!complainant) return undefined;
  return t("staff.complaint.complainant", {
    name: complainant.fullName,
    iin: complainant.iin,
    phone: formatPhone(complainant.phone),
  });
}

export function complaintCardKeyboard(t: Translate, complaint: Complaint): InlineKeyboard | undefined {
  if (complaint.status === "awaiting_renewal") {
    return new InlineKeyboard()
      .text(t("staff.complaint.renew"), staffComplaintData.encode("renew", complaint.id))
      .text(t("staff.complaint.refuseRenewal"), staffComplaintData.encode("refuseRenewal", complaint.id));
  }
  if (complaint.status !== "received") return undefined;
  return new InlineKeyboard()
    .text(t("staff.appeal.satisfy"), staffComplaintData.encode("satisfy", complaint.id))
    .text(t("staff.appeal.refuse"), staffComplaintData.encode("refuse", complaint.id));
}
