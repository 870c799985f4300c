// What the staff's /queue lists: the open applications, appeals, complaints
// and support threads, with only the columns a line of the queue shows. None
// of them is sealed, so nothing is opened: reading the whole rows (as the
// other repositories do) opened and validated every form and appeal text,
// most of the command's cost.
import type { Appeal } from "../domain/appeal.ts";
import type { Application } from "../domain/application.ts";
import type { Complaint } from "../domain/complaint.ts";
import type { DbClient } from "./client.ts";

export type QueuedApplication = Pick<Application, "number" | "status" | "submittedAt" | "dueDate" | "assignee">;
export type QueuedAppeal = Pick<Appeal, "number" | "receivedAt" | "dueDate" | "extendedTo" | "status">;
export type QueuedComplaint = Pick<Complaint, "number" | "receivedAt" | "dueDate" | "status">;
export type QueuedThread = { id: string; openedAt: Date };

/** Oldest first in each list. */
export type QueueRows = {
  applications: QueuedApplication[];
  appeals: QueuedAppeal[];
  complaints: QueuedComplaint[];
  threads: QueuedThread[];
};

export type StaffQueueRepository = ReturnType<typeof createStaffQueueRepository>;

export function createStaffQueueRepository(prisma: DbClient) {
  return {
    async open(): Promise<QueueRows> {
      // Four independent reads: on PostgreSQL they run side by side on the pool.
      const [applications, appeals, complaints, threads] = await Promise.all([
        prisma.application.findMany({
          where: { status: "submitted" },
          orderBy: { submittedAt: "asc" },
          select: {
            number: true,
            status: true,
            submittedAt: true,
            dueDate: true,
            assigneeId: true,
            assigneeName: true,
          },
        }),
        prisma.appeal.findMany({
          where: { status: { in: ["received", "non_compliant", "extended"] } },
          orderBy: { receivedAt: "asc" },
          select: { number: true, receivedAt: true, dueDate: true, extendedTo: true, status: true },
        }),
        // A late complaint waiting for the renewal is still before the body.
        prisma.complaint.findMany({
          where: { status: { in: ["received", "awaiting_renewal"] } },
          orderBy: { receivedAt: "asc" },
          select: { number: true, receivedAt: true, dueDate: true, status: true },
        }),
        prisma.supportThread.findMany({
          where: { status: "open" },
          orderBy: { openedAt: "asc" },
          select: { id: true, openedAt: true },
        }),
      ]);
      return {
        applications: applications.map(({ assigneeId, assigneeName, ...row }) => ({
          ...row,
          assignee: assigneeId === null ? null : { id: Number(assigneeId), name: assigneeName ?? "" },
        })),
        appeals,
        complaints,
        threads,
      };
    },
  };
}
