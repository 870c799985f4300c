// Prisma access for applications. The form is JSON in the database, so it is
// validated by the domain schema on the way in and on the way out: nothing
// the domain would reject is stored, and a row edited by hand is caught.
import {
  type ApplicationForm,
  type ApplicationStatus,
  applicationFormSchema,
  assertTransition,
  type DraftForm,
  draftFormSchema,
} from "../domain/application.ts";
import type { Application, PrismaClient } from "./generated/client.ts";

export type StoredApplication = {
  id: string;
  number: string | null;
  applicantId: string;
  status: ApplicationStatus;
  form: DraftForm;
  step: string | null;
  editing: boolean;
  paused: boolean;
  submittedAt: Date | null;
  dueDate: string | null;
  decidedAt: Date | null;
  createdAt: Date;
};

export type ApplicationRepository = ReturnType<typeof createApplicationRepository>;

/** Where a draft is in the registration flow. */
export type DraftProgress = { step: string | null; editing?: boolean; paused?: boolean };

function toStored(row: Application): StoredApplication {
  return {
    id: row.id,
    number: row.number,
    applicantId: row.applicantId,
    status: row.status,
    form: row.status === "draft" ? draftFormSchema.parse(row.form) : applicationFormSchema.parse(row.form),
    step: row.step,
    editing: row.editing,
    paused: row.paused,
    submittedAt: row.submittedAt,
    dueDate: row.dueDate,
    decidedAt: row.decidedAt,
    createdAt: row.createdAt,
  };
}

export function createApplicationRepository(prisma: PrismaClient) {
  return {
    async createDraft(applicantId: string, form: DraftForm = {}, progress: DraftProgress = { step: null }): Promise<StoredApplication> {
      const row = await prisma.application.create({ data: { applicantId, form: draftFormSchema.parse(form), ...progress } });
      return toStored(row);
    },

    async findDraft(applicantId: string): Promise<StoredApplication | undefined> {
      const row = await prisma.application.findFirst({ where: { applicantId, status: "draft" }, orderBy: { createdAt: "desc" } });
      return row ? toStored(row) : undefined;
    },

    /** Saves answers and where the person goes next, in one write. */
    async saveDraft(id: string, form: DraftForm, progress?: DraftProgress): Promise<StoredApplication> {
      const valid = draftFormSchema.parse(form);
      const row = await prisma.application.update({
        where: { id, status: "draft" },
        data: { form: valid, iin: valid.iin ?? null, ...progress },
      });
      return toStored(row);
    },

    async setProgress(id: string, progress: DraftProgress): Promise<void> {
      await prisma.application.update({ where: { id, status: "draft" }, data: progress });
    },

    /** Deletes a draft and with it every answer it held. */
    async deleteDraft(id: string): Promise<void> {
      await prisma.application.deleteMany({ where: { id, status: "draft" } });
    },

    async submit(id: string, form: ApplicationForm, submission: { number: string; submittedAt: Date; dueDate: string }): Promise<StoredApplication> {
      assertTransition("draft", "submitted");
      const valid = applicationFormSchema.parse(form);
      const row = await prisma.application.update({
        where: { id, status: "draft" },
        data: { form: valid, iin: valid.iin, status: "submitted", step: null, editing: false, paused: false, ...submission },
      });
      return toStored(row);
    },

    async findById(id: string): Promise<StoredApplication | undefined> {
      const row = await prisma.application.findUnique({ where: { id } });
      return row ? toStored(row) : undefined;
    },

    /** Submitted or registered applications with this IIN (at most one, by a unique index). */
    async findActiveByIin(iin: string): Promise<StoredApplication | undefined> {
      const row = await prisma.application.findFirst({ where: { iin, status: { in: ["submitted", "registered"] } } });
      return row ? toStored(row) : undefined;
    },

    /** Every application the person sent (drafts excluded), newest first. */
    async listSent(applicantId: string): Promise<StoredApplication[]> {
      const rows = await prisma.application.findMany({
        where: { applicantId, status: { not: "draft" } },
        orderBy: { submittedAt: "desc" },
      });
      return rows.map(toStored);
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
