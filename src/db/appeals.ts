// Prisma access for appeals. The content is JSON, validated by the domain
// schema on the way in and out.
import { z } from "zod";
import { type AppealContent, type AppealRequirement, appealRequirements, appealSchema, type AppealStatus } from "../domain/appeal.ts";
import type { Appeal, Prisma, PrismaClient } from "./generated/client.ts";

export type StoredAppeal = {
  id: string;
  number: string;
  applicantId: string;
  status: AppealStatus;
  content: AppealContent;
  receivedAt: Date;
  receivedDate: string;
  dueDate: string;
  extendedTo: string | null;
  receiver: { name: string; position: string };
  decisionNote: string | null;
  decidedByName: string | null;
  referredTo: string | null;
  staffMessageId: number | null;
  missing: AppealRequirement[];
  fixBy: string | null;
};

const missingSchema = z.array(z.enum(appealRequirements)).nullable().transform((list) => list ?? []);

export type AppealChangeDetails = {
  decisionNote?: string;
  decidedByName?: string;
  referredTo?: string;
  extendedTo?: string;
  missing?: AppealRequirement[];
  fixBy?: string | null;
  content?: AppealContent;
};

function toStored(row: Appeal): StoredAppeal {
  return {
    id: row.id,
    number: row.number,
    applicantId: row.applicantId,
    status: row.status,
    content: appealSchema.parse(row.content),
    receivedAt: row.receivedAt,
    receivedDate: row.receivedDate,
    dueDate: row.dueDate,
    extendedTo: row.extendedTo,
    receiver: { name: row.receiverName, position: row.receiverPosition },
    decisionNote: row.decisionNote,
    decidedByName: row.decidedByName,
    referredTo: row.referredTo,
    staffMessageId: row.staffMessageId,
    missing: missingSchema.parse(row.missing ?? null),
    fixBy: row.fixBy,
  };
}

export function createAppealRepository(prisma: PrismaClient) {
  return {
    async create(
      input: Omit<StoredAppeal, "id" | "status" | "extendedTo" | "decisionNote" | "decidedByName" | "referredTo" | "staffMessageId" | "missing" | "fixBy">,
      filingKey: string,
    ): Promise<StoredAppeal> {
      const row = await prisma.appeal.create({
        data: {
          filingKey,
          number: input.number,
          applicantId: input.applicantId,
          content: appealSchema.parse(input.content) as Prisma.InputJsonValue,
          receivedAt: input.receivedAt,
          receivedDate: input.receivedDate,
          dueDate: input.dueDate,
          receiverName: input.receiver.name,
          receiverPosition: input.receiver.position,
        },
      });
      return toStored(row);
    },

    async findById(id: string): Promise<StoredAppeal | undefined> {
      const row = await prisma.appeal.findUnique({ where: { id } });
      return row ? toStored(row) : undefined;
    },

    async findByFilingKey(filingKey: string): Promise<StoredAppeal | undefined> {
      const row = await prisma.appeal.findUnique({ where: { filingKey } });
      return row ? toStored(row) : undefined;
    },

    async listForApplicant(applicantId: string): Promise<StoredAppeal[]> {
      const rows = await prisma.appeal.findMany({ where: { applicantId }, orderBy: { receivedAt: "desc" } });
      return rows.map(toStored);
    },

    /**
     * Moves an appeal on only from one of the given states: of two racing
     * changes (two operators, an operator and the applicant), one wins.
     */
    async changeStatus(
      id: string,
      from: AppealStatus[],
      to: AppealStatus,
      at: Date,
      details: AppealChangeDetails = {},
    ): Promise<boolean> {
      const closes = to !== "extended" && to !== "non_compliant" && to !== "received";
      const { missing, content, ...rest } = details;
      const { count } = await prisma.appeal.updateMany({
        where: { id, status: { in: from } },
        data: {
          status: to,
          ...(closes ? { closedAt: at } : {}),
          ...rest,
          ...(missing ? { missing: missing as Prisma.InputJsonValue } : {}),
          ...(content ? { content: appealSchema.parse(content) as Prisma.InputJsonValue } : {}),
        },
      });
      return count === 1;
    },

    /** Open appeals whose (extended) term ends on or before this date. */
    async openDueBy(date: string): Promise<StoredAppeal[]> {
      const rows = await prisma.appeal.findMany({
        where: { status: { in: ["received", "non_compliant", "extended"] }, OR: [{ extendedTo: { lte: date } }, { extendedTo: null, dueDate: { lte: date } }] },
        orderBy: { receivedAt: "asc" },
      });
      return rows.map(toStored);
    },

    async setStaffMessage(id: string, messageId: number): Promise<void> {
      await prisma.appeal.update({ where: { id }, data: { staffMessageId: messageId } });
    },

    async nextNumber(series: string, year: number): Promise<number> {
      const key = `${series}:${year}`;
      const counter = await prisma.counter.upsert({ where: { key }, create: { key, last: 1 }, update: { last: { increment: 1 } } });
      return counter.last;
    },
  };
}
