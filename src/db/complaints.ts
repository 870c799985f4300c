// Prisma access for complaints.
import type { Complainant, Complaint, ComplaintStatus } from "../domain/complaint.ts";
import { cardNotClaimed } from "./card-claims.ts";
import type { DbClient } from "./client.ts";
import type { FieldCipher } from "./field-cipher.ts";
import type { Complaint as ComplaintRow } from "./generated/client.ts";

export type NewComplaint = Omit<Complaint, "id" | "decisionNote" | "decidedByName" | "staffMessageId">;

function complainantOf(row: ComplaintRow, cipher: FieldCipher): Complainant | null {
  if (row.fullName === null || row.iin === null || row.phone === null) return null;
  return {
    fullName: cipher.open("complaint.full_name", row.fullName),
    iin: cipher.open("complaint.iin", row.iin),
    phone: cipher.open("complaint.phone", row.phone),
  };
}

function sealedComplainant(complainant: Complainant | null, cipher: FieldCipher) {
  if (!complainant) return { fullName: null, iin: null, iinIndex: null, phone: null };
  return {
    fullName: cipher.seal("complaint.full_name", complainant.fullName),
    iin: cipher.seal("complaint.iin", complainant.iin),
    iinIndex: cipher.blindIndex("iin", complainant.iin),
    phone: cipher.seal("complaint.phone", complainant.phone),
  };
}

function toComplaint(row: ComplaintRow, cipher: FieldCipher): Complaint {
  return {
    id: row.id,
    number: row.number,
    applicantId: row.applicantId,
    status: row.status,
    subject: cipher.open("complaint.subject", row.subject),
    learnedDate: row.learnedDate,
    lateReason: row.lateReason === null ? null : cipher.open("complaint.late_reason", row.lateReason),
    essence: cipher.open("complaint.essence", row.essence),
    complainant: complainantOf(row, cipher),
    receivedAt: row.receivedAt,
    receivedDate: row.receivedDate,
    dueDate: row.dueDate,
    decisionNote: row.decisionNote,
    decidedByName: row.decidedByName,
    staffMessageId: row.staffMessageId,
  };
}

export function createComplaintRepository(prisma: DbClient, cipher: FieldCipher) {
  const one = (row: ComplaintRow | null) => (row ? toComplaint(row, cipher) : undefined);
  const all = (rows: ComplaintRow[]) => rows.map((row) => toComplaint(row, cipher));
  return {
    async create(complaint: NewComplaint, filingKey: string): Promise<Complaint> {
      const { complainant, ...rest } = complaint;
      const sealed = {
        subject: cipher.seal("complaint.subject", complaint.subject),
        lateReason: complaint.lateReason === null ? null : cipher.seal("complaint.late_reason", complaint.lateReason),
        essence: cipher.seal("complaint.essence", complaint.essence),
        ...sealedComplainant(complainant, cipher),
      };
      return toComplaint(await prisma.complaint.create({ data: { ...rest, ...sealed, filingKey } }), cipher);
    },

    findById: async (id: string) => one(await prisma.complaint.findUnique({ where: { id } })),

    findByNumber: async (number: string) => one(await prisma.complaint.findUnique({ where: { number } })),

    findByFilingKey: async (filingKey: string) => one(await prisma.complaint.findUnique({ where: { filingKey } })),

    listForApplicant: async (applicantId: string): Promise<Complaint[]> =>
      all(await prisma.complaint.findMany({ where: { applicantId }, orderBy: { receivedAt: "desc" } })),

    /** Complaints signed with this IIN, newest first. */
    listByIin: async (iin: string): Promise<Complaint[]> =>
      all(
        await prisma.complaint.findMany({
          where: { iinIndex: cipher.blindIndex("iin", iin) },
          orderBy: { receivedAt: "desc" },
        }),
      ),

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
      all(
        await prisma.complaint.findMany({
          where: { status: { in: ["received", "awaiting_renewal"] }, dueDate: { lte: date } },
          orderBy: { receivedAt: "asc" },
        }),
      ),

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
      return all(rows);
    },
  };
}
