// Prisma access for appeals. The content is sealed JSON, validated by the
// domain schema on the way in and out.
import { z } from "zod";
import {
  type Addressee,
  type Appeal,
  type AppealContent,
  type AppealRequirement,
  type AppealStatus,
  addressees,
  appealRequirements,
  appealSchema,
} from "../domain/appeal.ts";
import { cardNotClaimed } from "./card-claims.ts";
import type { DbClient } from "./client.ts";
import type { FieldCipher } from "./field-cipher.ts";
import type { Appeal as AppealRow, Prisma } from "./generated/client.ts";

const missingSchema = z
  .array(z.enum(appealRequirements))
  .nullable()
  .transform((list) => list ?? []);

export type AppealChangeDetails = {
  decisionNote?: string;
  decidedByName?: string;
  referredTo?: Addressee;
  extendedTo?: string;
  missing?: AppealRequirement[];
  fixBy?: string | null;
  content?: AppealContent;
};

function toAppeal(row: AppealRow, cipher: FieldCipher): Appeal {
  return {
    id: row.id,
    number: row.number,
    applicantId: row.applicantId,
    status: row.status,
    content: appealSchema.parse(cipher.openJson("appeal.content", row.content)),
    receivedAt: row.receivedAt,
    receivedDate: row.receivedDate,
    dueDate: row.dueDate,
    extendedTo: row.extendedTo,
    receiver: { name: row.receiverName, position: row.receiverPosition },
    decisionNote: row.decisionNote,
    decidedByName: row.decidedByName,
    referredTo: addressees.find((body) => body === row.referredTo) ?? null,
    staffMessageId: row.staffMessageId,
    missing: missingSchema.parse(row.missing ?? null),
    fixBy: row.fixBy,
  };
}

export function createAppealRepository(prisma: DbClient, cipher: FieldCipher) {
  const one = (row: AppealRow | null) => (row ? toAppeal(row, cipher) : undefined);
  const all = (rows: AppealRow[]) => rows.map((row) => toAppeal(row, cipher));
  // A natural person's IIN is sealed beside the content too, with its blind index: appeals are found by IIN.
  const sealed = (content: AppealContent) => {
    const valid = appealSchema.parse(content);
    const iin = valid.identity.kind === "natural" ? valid.identity.iin : undefined;
    return {
      content: cipher.sealJson("appeal.content", valid),
      iin: iin === undefined ? null : cipher.seal("appeal.iin", iin),
      iinIndex: iin === undefined ? null : cipher.blindIndex("iin", iin),
    };
  };
  return {
    async create(
      input: Omit<
        Appeal,
        | "id"
        | "status"
        | "extendedTo"
        | "decisionNote"
        | "decidedByName"
        | "referredTo"
        | "staffMessageId"
        | "missing"
        | "fixBy"
      >,
      filingKey: string,
    ): Promise<Appeal> {
      const row = await prisma.appeal.create({
        data: {
          filingKey,
          number: input.number,
          applicantId: input.applicantId,
          ...sealed(input.content),
          receivedAt: input.receivedAt,
          receivedDate: input.receivedDate,
          dueDate: input.dueDate,
          receiverName: input.receiver.name,
          receiverPosition: input.receiver.position,
        },
      });
      return toAppeal(row, cipher);
    },

    async findById(id: string): Promise<Appeal | undefined> {
      return one(await prisma.appeal.findUnique({ where: { id } }));
    },

    async findByNumber(number: string): Promise<Appeal | undefined> {
      return one(await prisma.appeal.findUnique({ where: { number } }));
    },

    async findByFilingKey(filingKey: string): Promise<Appeal | undefined> {
      return one(await prisma.appeal.findUnique({ where: { filingKey } }));
    },

    async listForApplicant(applicantId: string): Promise<Appeal[]> {
      return all(await prisma.appeal.findMany({ where: { applicantId }, orderBy: { receivedAt: "desc" } }));
    },

    /** Appeals of a natural person with this IIN, newest first. */
    async listByIin(iin: string): Promise<Appeal[]> {
      return all(
        await prisma.appeal.findMany({
          where: { iinIndex: cipher.blindIndex("iin", iin) },
          orderBy: { receivedAt: "desc" },
        }),
      );
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
          ...(content ? sealed(content) : {}),
        },
      });
      return count === 1;
    },

    /** Open appeals whose (extended) term ends on or before this date. */
    async openDueBy(date: string): Promise<Appeal[]> {
      const rows = await prisma.appeal.findMany({
        where: {
          status: { in: ["received", "non_compliant", "extended"] },
          OR: [{ extendedTo: { lte: date } }, { extendedTo: null, dueDate: { lte: date } }],
        },
        orderBy: { receivedAt: "asc" },
      });
      return all(rows);
    },

    /** Appeals still before the body, oldest first. */
    /** Open appeals received before `receivedBefore` without a card, and not being posted now. */
    async withoutCard(receivedBefore: Date, staleBefore: Date): Promise<Appeal[]> {
      const rows = await prisma.appeal.findMany({
        where: {
          status: { in: ["received", "non_compliant", "extended"] },
          receivedAt: { lt: receivedBefore },
          ...cardNotClaimed(staleBefore),
        },
        orderBy: { receivedAt: "asc" },
      });
      return all(rows);
    },

    async nextNumber(series: string, year: number): Promise<number> {
      const key = `${series}:${year}`;
      const counter = await prisma.counter.upsert({
        where: { key },
        create: { key, last: 1 },
        update: { last: { increment: 1 } },
      });
      return counter.last;
    },
  };
}
