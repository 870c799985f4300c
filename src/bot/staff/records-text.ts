// What /queue answers in the staff chat, in its language: numbers, terms and
// who has each item, nothing of the person.

import { formatDate, formatDateTime } from "../../domain/format.ts";
import type { StaffQueue } from "../../services/staff-records.ts";
import type { Translate } from "../i18n.ts";

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
