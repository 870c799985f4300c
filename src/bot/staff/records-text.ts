// What /queue and /find answer in the staff chat, in its language.
import type { Appeal } from "../../domain/appeal.ts";
import type { Application } from "../../domain/application.ts";
import type { Complaint } from "../../domain/complaint.ts";
import { sexOfIin } from "../../domain/iin.ts";
import type { ApplicantRecordView, StaffQueue } from "../../services/staff-records.ts";
import { applicationStatusText } from "../application-status.ts";
import { formatDate, formatDateTime, formatPhone } from "../format.ts";
import type { Translate } from "../i18n.ts";
import { splitLongText } from "../long-text.ts";

/** One line an item, applications first, then appeals, complaints and conversations; undefined when empty. */
export function queueText(t: Translate, queue: StaffQueue): string | undefined {
  const lines = [
    ...queue.applications.map((a) =>
      t("staff.queue.application", {
        number: a.number ?? "",
        received: a.submittedAt ? formatDateTime(a.submittedAt) : "",
        due: a.dueDate ? formatDate(a.dueDate) : "",
        who: a.assignee?.name ?? t("staff.queue.nobody"),
      }),
    ),
    ...queue.appeals.map((a) =>
      t("staff.queue.appeal", {
        number: a.number,
        received: formatDateTime(a.receivedAt),
        due: formatDate(a.extendedTo ?? a.dueDate),
        status: t(`appealStatus.${a.status}`),
      }),
    ),
    ...queue.complaints.map((c) =>
      t("staff.queue.complaint", {
        number: c.number,
        received: formatDateTime(c.receivedAt),
        due: formatDate(c.dueDate),
        status: t(`complaintStatus.${c.status}`),
      }),
    ),
    ...queue.threads.map((thread) => t("staff.queue.thread", { opened: formatDateTime(thread.openedAt) })),
  ];
  return lines.length === 0 ? undefined : [t("staff.queue.title"), ...lines].join("\n");
}

/** The person's applications, appeals and complaints, then what they were told: as few messages as fit. */
export function recordMessages(t: Translate, record: ApplicantRecordView): string[] {
  const history = record.notifications.map((n) => {
    const what = t(`staff.find.kind.${n.kind}`);
    return `${formatDateTime(n.sentAt)} — ${n.number ? `№ ${n.number}: ${what}` : what}`;
  });
  return inMessages([
    ...record.applications.map((a) => applicationBlock(t, a)),
    ...record.appeals.map((a) => appealBlock(t, a)),
    ...record.complaints.map((c) => complaintBlock(t, c)),
    ...(history.length > 0 ? [[t("staff.find.history"), ...history].join("\n")] : []),
  ]);
}

function applicationBlock(t: Translate, a: Application): string {
  const name = a.form.fullName;
  return t("staff.find.application", {
    number: a.number ?? "",
    status: applicationStatusText(t, a.status, sexOfIin(a.form.iin)),
    name: name ? [name.surname, name.givenName, name.patronymic].filter(Boolean).join(" ") : "",
    iin: a.form.iin ?? "",
    phone: a.form.phone ? formatPhone(a.form.phone) : "",
    received: a.submittedAt ? formatDateTime(a.submittedAt) : "",
    due: a.dueDate ? formatDate(a.dueDate) : "",
  });
}

function appealBlock(t: Translate, a: Appeal): string {
  const { identity } = a.content;
  return t("staff.find.appeal", {
    number: a.number,
    status: t(`appealStatus.${a.status}`),
    name: a.content.fullName,
    identity:
      identity.kind === "natural"
        ? `${t("registration.summary.iin")} ${identity.iin}`
        : `${t("appeal.binLabel")} ${identity.bin}`,
    received: formatDateTime(a.receivedAt),
    due: formatDate(a.extendedTo ?? a.dueDate),
  });
}

function complaintBlock(t: Translate, c: Complaint): string {
  const block = t("staff.find.complaint", {
    number: c.number,
    status: t(`complaintStatus.${c.status}`),
    subject: c.subject.replace(/^(application|appeal):/, "№ "),
    received: formatDateTime(c.receivedAt),
    due: formatDate(c.dueDate),
  });
  if (!c.complainant) return block;
  const { fullName, iin, phone } = c.complainant;
  return `${block}\n${t("staff.complaint.complainant", { name: fullName, iin, phone: formatPhone(phone) })}`;
}

/** Blocks separated by a blank line, in as few messages as Telegram takes (a long block split by its lines). */
function inMessages(blocks: string[]): string[] {
  return splitLongText(blocks.join("\n\n"));
}
