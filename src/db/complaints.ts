// Prisma access for complaints.
import type { ComplaintStatus } from "../domain/complaint.ts";
import type { Complaint, PrismaClient } from "./generated/client.ts";

export type StoredComplaint = Omit<Complaint, "status"> & { status: ComplaintStatus };

export function createComplaintRepository(prisma: PrismaClient) {
  return {
    async create(data: Omit<Complaint, "id" | "decisionNote" | "decidedByName" | "staffMessageId" | "closedAt">): Promise<StoredComplaint> {
      return prisma.complaint.create({ data });
    },

    findById: async (id: string): Promise<StoredComplaint | undefined> => (await prisma.complaint.findUnique({ where: { id } })) ?? undefined,

    findByFilingKey: async (filingKey: string): Promise<StoredComplaint | undefined> => (await prisma.complaint.findUnique({ where: { filingKey } })) ?? undefined,

    listForApplicant: (applicantId: string): Promise<StoredComplaint[]> => prisma.complaint.findMany({ where: { applicantId }, orderBy: { receivedAt: "desc" } }),

    /** Moves a complaint on only from the given states: of two racing changes, one wins. */
    async changeStatus(id: string, from: ComplaintStatus[], to: ComplaintStatus, at: Date, details: { decisionNote?: string; decidedByName?: string; dueDate?: string }): Promise<boolean> {
      const closes = to !== "received";
      const { count } = await prisma.complaint.updateMany({ where: { id, status: { in: from } }, data: { status: to, ...(closes ? { closedAt: at } : {}), ...details } });
      return count === 1;
    },

    openDueBy: (date: string): Promise<StoredComplaint[]> =>
      prisma.complaint.findMany({ where: { status: { in: ["received", "awaiting_renewal"] }, dueDate: { lte: date } }, orderBy: { receivedAt: "asc" } }),

    async setStaffMessage(id: string, messageId: number): Promise<void> {
      await prisma.complaint.update({ where: { id }, data: { staffMessageId: messageId } });
    },
  };
}
