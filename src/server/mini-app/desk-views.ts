// The desk's JSON: the queue with numbers, dates and who took it (no
// personal data), and one record in full for the operator who opened it.
import type { Appeal } from "../../domain/appeal.ts";
import type { Application } from "../../domain/application.ts";
import type { Complaint } from "../../domain/complaint.ts";
import type { StaffQueue } from "../../services/staff-records.ts";
import type { ThreadView } from "../../services/support.ts";

export function queueView(queue: StaffQueue) {
  return {
    applications: queue.applications.map((a) => ({
      number: a.number,
      status: a.status,
      receivedAt: a.submittedAt,
      dueDate: a.dueDate,
      assignee: a.assignee?.name ?? null,
      assigneeId: a.assignee?.id ?? null,
    })),
    appeals: queue.appeals.map((a) => ({
      number: a.number,
      status: a.status,
      receivedAt: a.receivedAt,
      dueDate: a.extendedTo ?? a.dueDate,
    })),
    complaints: queue.complaints.map((c) => ({
      number: c.number,
      status: c.status,
      receivedAt: c.receivedAt,
      dueDate: c.dueDate,
    })),
    threads: queue.threads.map((thread) => ({ id: thread.id, openedAt: thread.openedAt })),
  };
}

export function applicationView(application: Application) {
  return {
    kind: "application" as const,
    number: application.number,
    status: application.status,
    form: application.form,
    receivedAt: application.submittedAt,
    dueDate: application.dueDate,
    assignee: application.assignee?.name ?? null,
    decidedBy: application.decidedBy?.name ?? null,
    decidedAt: application.decidedAt,
    refusalGround: application.refusalGround,
    refusalNote: application.refusalNote,
  };
}

export function appealView(appeal: Appeal) {
  return {
    kind: "appeal" as const,
    number: appeal.number,
    status: appeal.status,
    content: appeal.content,
    receivedAt: appeal.receivedAt,
    dueDate: appeal.extendedTo ?? appeal.dueDate,
    decisionNote: appeal.decisionNote,
    decidedBy: appeal.decidedByName,
    referredTo: appeal.referredTo,
    missing: appeal.missing,
    fixBy: appeal.fixBy,
  };
}

export function complaintView(complaint: Complaint) {
  return {
    kind: "complaint" as const,
    number: complaint.number,
    status: complaint.status,
    subject: complaint.subject,
    essence: complaint.essence,
    complainant: complaint.complainant,
    learnedDate: complaint.learnedDate,
    lateReason: complaint.lateReason,
    receivedAt: complaint.receivedAt,
    dueDate: complaint.dueDate,
    decisionNote: complaint.decisionNote,
    decidedBy: complaint.decidedByName,
  };
}

export function threadView(view: ThreadView) {
  return {
    kind: "thread" as const,
    id: view.thread.id,
    status: view.thread.status,
    openedAt: view.thread.openedAt,
    application: view.application && { number: view.application.number, status: view.application.status },
  };
}
