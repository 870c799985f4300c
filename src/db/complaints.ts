// Prisma access for complaints.
import type { Complaint, ComplaintStatus } from "../domain/complaint.ts";
import { cardNotClaimed } from "./card-claims.ts";
import type { DbClient } from "./client.ts";
import type { Complaint as ComplaintRow } from "./generated/client.ts";

export type NewComplaint = Omit<Complaint, "id" | "decisionNote" | "decidedByName" | "staffMessageId">;

function toComplaint(row: ComplaintRow): Complaint {
  return {
    id: row.id,
    number: row.number,
    applicantId: row.applicantId,
    status: row.status,
    subject: row.subject,
    learnedDate: row.learnedDate,
    lateReason: row.lateReason,
    essence: row.essence,
    receivedAt: row.receivedAt,
    receivedDate: row.receivedDate,
    dueDate: row.dueDate,
    decisionNote: row.decisionNote,
    decidedByName: row.decidedByName,
    staffMessageId: row.staffMessageId,
  };
}

export function createComplaintRepository(prisma: DbClient) {
  const one = (row: ComplaintRow | null) => (row ? toComplaint(row) : undefined);
  return {
    async create(complaint: NewComplaint, filingKey: string): Promise<Complaint> {
      return toComplaint(await prisma.complaint.create({ data: { ...complaint, filingKey } }));
    },

    findById: async (id: string) => one(await prisma.complaint.findUnique({ where: { id } })),

    findByFilingKey: async (filingKey: string) => one(await prisma.complaint.findUnique({ where: { filingKey } })),

    listForApplicant: async (applicantId: string): Promise<Complaint[]> =>
      (await prisma.complaint.findMany({ where: { applicantId }, orderBy: { receivedAt: "desc" } })).map(toComplaint),

    /** Moves a complaint on only from the given states: of two racing changes, one wins. */
    async changeStatus(
      id: string,
      from: ComplaintStatus[],
      to: ComplaintStatus,
      at: Date,
      details: { decisionNote?: string; decidedByName?: string; dueDate?: string },
    ): Promise<boolean> {
      const closes = to !== "received";
      const { count } = await prisma.complaint.updateMany({
        where: { id, status: { in: from } },
        data: { status: to, ...(closes ? { closedAt: at } : {}), ...details },
      });
      return count === 1;
    },

    openDueBy: async (date: string): Promise<Complaint[]> =>
      (
        await prisma.complaint.findMany({
          where: { status: { in: ["received", "awaiting_renewal"] }, dueDate: { lte: date } },
          orderBy: { receivedAt: "asc" },
        })
      ).map(toComplaint),

    /** Open complaints received before `receivedBefore` without a card, and not being posted now. */
    async withoutCard(receivedBefore: Date, staleBefore: Date): Promise<Complaint[]> {
      const rows = await prisma.complaint.findMany({
        where: {
          status: { in: ["received", "awaiting_renewal"] },
          receivedAt: { lt: receivedBefore },
          ...cardNotClaimed(staleBefore),
        },
        orderBy: { receivedAt: "asc" },
      });
      return rows.map(toComplaint);
    },
  };
}
