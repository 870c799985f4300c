// Access to applications. The form is sealed JSON in the database, so it is
// validated by the domain schema on the way in and on the way out: nothing
// the domain would reject is stored, and a row edited by hand is caught. The
// IIN is sealed too; it is found through its blind index. The draft paths
// (hot: every section of the form) are raw SQL in src/db/drafts.ts; the rest
// of an application's life goes through Prisma.
import {
  type Application,
  type ApplicationForm,
  activeStatuses,
  applicationFormSchema,
  assertTransition,
  type RefusalGround,
} from "../domain/application.ts";
import { type ApplicationRow, sealedIin, toApplication } from "./application-row.ts";
import { cardNotClaimed } from "./card-claims.ts";
import type { DbClient } from "./client.ts";
import { createDraftRepository } from "./drafts.ts";
import type { FieldCipher } from "./field-cipher.ts";
import { prismaSql, type SqlClient } from "./sql-client.ts";

export type { DraftProgress } from "./drafts.ts";

export type ApplicationRepository = ReturnType<typeof createApplicationRepository>;

/** `sql` runs the draft paths: the driver itself, or (the default) the same Prisma client or transaction. */
export function createApplicationRepository(prisma: DbClient, cipher: FieldCipher, sql: SqlClient = prismaSql(prisma)) {
  const one = (row: ApplicationRow | null) => (row ? toApplication(row, cipher) : undefined);
  const all = (rows: ApplicationRow[]) => rows.map((row) => toApplication(row, cipher));
  const listSentWhere = async (where: { applicantId: string } | { iinIndex: string }) =>
    all(
      await prisma.application.findMany({
        where: { ...where, status: { not: "draft" } },
        orderBy: { submittedAt: "desc" },
      }),
    );

  return {
    ...createDraftRepository(sql, cipher),

    async submit(
      id: string,
      form: ApplicationForm,
      submission: { number: string; submittedAt: Date; dueDate: string },
    ): Promise<Application> {
      assertTransition("draft", "submitted");
      const valid = applicationFormSchema.parse(form);
      const row = await prisma.application.update({
        where: { id, status: "draft" },
        data: {
          form: cipher.sealJson("application.form", valid),
          ...sealedIin(cipher, valid.iin),
          status: "submitted",
          step: null,
          editing: false,
          paused: false,
          ...submission,
        },
      });
      return toApplication(row, cipher);
    },

    /** Submitted or registered applications with this IIN (at most one, by a unique index). */
    async findActiveByIin(iin: string): Promise<Application | undefined> {
      return one(
        await prisma.application.findFirst({
          where: { iinIndex: cipher.blindIndex("iin", iin), status: { in: [...activeStatuses] } },
        }),
      );
    },

    /** Every application the person sent (drafts excluded), newest first. */
    listSent: (applicantId: string): Promise<Application[]> => listSentWhere({ applicantId }),

    /** Assigns a submitted application to an operator; false when it is decided or someone else has it. */
    async assign(id: string, operator: { id: number; name: string }): Promise<boolean> {
      const { count } = await prisma.application.updateMany({
        where: { id, status: "submitted", OR: [{ assigneeId: null }, { assigneeId: BigInt(operator.id) }] },
        data: { assigneeId: BigInt(operator.id), assigneeName: operator.name },
      });
      return count === 1;
    },

    /** Drafts nobody changed since `before`, oldest first. */
    async idleDrafts(before: Date, limit = 500): Promise<Application[]> {
      const rows = await prisma.application.findMany({
        where: { status: "draft", updatedAt: { lt: before } },
        orderBy: { updatedAt: "asc" },
        take: limit,
      });
      return all(rows);
    },

    /** Deletes the draft if it is still untouched since `before` (the person may have come back meanwhile). */
    async deleteIdleDraft(id: string, before: Date): Promise<boolean> {
      const { count } = await prisma.application.deleteMany({
        where: { id, status: "draft", updatedAt: { lt: before } },
      });
      return count === 1;
    },

    /** Moves an application, and what it was told, to another applicant (the IIN's owner on a new account). */
    async reassign(id: string, applicantId: string): Promise<void> {
      await prisma.application.update({ where: { id }, data: { applicantId } });
      await prisma.notification.updateMany({ where: { applicationId: id }, data: { applicantId } });
    },

    /** The person withdraws an undecided application: its term stops. False when it is no longer undecided. */
    async claimWithdrawal(id: string, at: Date): Promise<boolean> {
      assertTransition("submitted", "withdrawn");
      const { count } = await prisma.application.updateMany({
        where: { id, status: "submitted" },
        data: { status: "withdrawn", decidedAt: at },
      });
      return count === 1;
    },

    /**
     * Stores a decision only if none was stored before: one conditional
     * UPDATE, so of two operators pressing at once exactly one wins.
     */
    async claimDecision(
      id: string,
      decision: {
        status: "registered" | "refused";
        refusalGround?: RefusalGround;
        refusalNote?: string;
        at: Date;
        by: { id: number; name: string };
      },
    ): Promise<boolean> {
      assertTransition("submitted", decision.status);
      const { count } = await prisma.application.updateMany({
        where: { id, status: "submitted" },
        data: {
          status: decision.status,
          refusalGround: decision.refusalGround ?? null,
          refusalNote: decision.refusalNote ?? null,
          decidedAt: decision.at,
          decidedById: BigInt(decision.by.id),
          decidedByName: decision.by.name,
        },
      });
      return count === 1;
    },

    /** Submitted before `submittedBefore` without a card, and not being posted now. */
    async withoutCard(submittedBefore: Date, staleBefore: Date): Promise<Application[]> {
      const rows = await prisma.application.findMany({
        where: {
          status: "submitted",
          submittedAt: { lt: submittedBefore },
          ...cardNotClaimed(staleBefore),
        },
      });
      return all(rows);
    },

    /** Marks an escalation sent; false when another instance already did. */
    async claimEscalation(id: string, kind: "due_soon" | "overdue", at: Date): Promise<boolean> {
      const { count } =
        kind === "due_soon"
          ? await prisma.application.updateMany({
              where: { id, status: "submitted", dueWarnedAt: null },
              data: { dueWarnedAt: at },
            })
          : await prisma.application.updateMany({
              where: { id, status: "submitted", overdueWarnedAt: null },
              data: { overdueWarnedAt: at },
            });
      return count === 1;
    },

    /** Undecided applications whose due date is today or earlier (Almaty), oldest first. */
    async undecidedDueBy(date: string): Promise<Application[]> {
      const rows = await prisma.application.findMany({
        where: { status: "submitted", dueDate: { lte: date } },
        orderBy: { submittedAt: "asc" },
      });
      return all(rows);
    },

    async findByNumber(number: string): Promise<Application | undefined> {
      return one(await prisma.application.findUnique({ where: { number } }));
    },

    /** Every application sent with this IIN (drafts excluded), newest first. */
    listByIin: (iin: string): Promise<Application[]> => listSentWhere({ iinIndex: cipher.blindIndex("iin", iin) }),

    async listSubmittedBetween(from: Date, to: Date): Promise<Application[]> {
      const rows = await prisma.application.findMany({
        where: { status: { not: "draft" }, submittedAt: { gte: from, lt: to } },
        orderBy: { submittedAt: "asc" },
      });
      return all(rows);
    },

    /** The next application number of a year, atomically (ON CONFLICT DO UPDATE). */
    async nextNumber(year: number): Promise<number> {
      const counter = await prisma.applicationCounter.upsert({
        where: { year },
        create: { year, last: 1 },
        update: { last: { increment: 1 } },
      });
      return counter.last;
    },
  };
}
