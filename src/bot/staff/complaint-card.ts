// The card of a complaint in the staff chat.
import { InlineKeyboard } from "grammy";
import type { Complainant, Complaint } from "../../domain/complaint.ts";
import { formatDate, formatDateTime } from "../../domain/format.ts";
import type { Language } from "../../domain/language.ts";
import { initialsOfFullName } from "../../domain/masking.ts";
import { staffComplaintData } from "../callback-data/staff-complaint.ts";
import type { Translate } from "../i18n.ts";
import { applicantLanguageLine, personLine } from "./cards.ts";
import { type DeskLinks, withOpenButton } from "./desk-links.ts";

/**
 * One message, edited in place: who (initials, the last digits of the IIN),
 * what it is against when that is a number, the terms and the state. The
 * essence, a subject in the person's own words and the reason for lateness
 * are in the desk.
 */
export function complaintCardText(t: Translate, complaint: Complaint, language: Language): string {
  const late =
    complaint.status === "awaiting_renewal"
      ? t("staff.complaint.late", { learned: formatDate(complaint.learnedDate) })
      : undefined;
  return [
    t("staff.complaint.title", { number: complaint.number }),
    complainantLine(t, complaint.complainant),
    t("staff.complaint.subject", { subject: subjectOf(t, complaint.subject) }),
    t("staff.complaint.learned", { date: formatDate(complaint.learnedDate) }),
    t("staff.card.received", { at: formatDateTime(complaint.receivedAt) }),
    late ?? t("staff.appeal.due", { date: formatDate(complaint.dueDate) }),
    applicantLanguageLine(t, language),
    "",
    t("staff.appeal.state", {
      status: t(`complaintStatus.${complaint.status}`),
      by: complaint.decidedByName ?? "—",
      note: complaint.decisionNote ?? "—",
    }),
  ]
    .filter((line) => line !== undefined)
    .join("\n");
}

/** An application or an appeal by its number; an act described in the person's own words is not repeated here. */
function subjectOf(t: Translate, subject: string): string {
  const numbered = /^(application|appeal):(.+)$/.exec(subject);
  return numbered ? `№ ${numbered[2]}` : t("staff.complaint.subjectInWords");
}

/** Complaints filed before the complainant was kept have none to show. */
function complainantLine(t: Translate, complainant: Complainant | null): string | undefined {
  if (!complainant) return undefined;
  return personLine(t, initialsOfFullName(complainant.fullName), complainant.iin);
}

export function complaintCardKeyboard(
  t: Translate,
  complaint: Complaint,
  links: DeskLinks | undefined,
): InlineKeyboard | undefined {
  return withOpenButton(t, quickActions(t, complaint), links, { kind: "complaint", id: complaint.id });
}

function quickActions(t: Translate, complaint: Complaint): InlineKeyboard | undefined {
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
