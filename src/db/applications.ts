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
import type { PrismaClient } from "./generated/client.ts";

export type StoredApplication = {
  id: string;
  number: string | null;
  applicantId: string;
  status: ApplicationStatus;
  form: DraftForm;
  submittedAt: Date | null;
  dueDate: string | null;
};

export type ApplicationRepository = ReturnType<typeof createApplicationRepository>;

export function createApplicationRepository(prisma: PrismaClient) {
  const toStored = (row: {
    id: string;
    number: string | null;
    applicantId: string;
    status: ApplicationStatus;
    form: unknown;
    submittedAt: Date | null;
    dueDate: string | null;
  }): StoredApplication => ({
    id: row.id,
    number: row.number,
    applicantId: row.applicantId,
    status: row.status,
    form: row.status === "draft" ? draftFormSchema.parse(row.form) : applicationFormSchema.parse(row.form),
    submittedAt: row.submittedAt,
    dueDate: row.dueDate,
  });

  return {
    async createDraft(applicantId: string, form: DraftForm = {}): Promise<StoredApplication> {
      const row = await prisma.application.create({ data: { applicantId, form: draftFormSchema.parse(form) } });
      return toStored(row);
    },

    async saveDraft(id: string, form: DraftForm): Promise<StoredApplication> {
      const valid = draftFormSchema.parse(form);
      const row = await prisma.application.update({
        where: { id, status: "draft" },
        data: { form: valid, iin: valid.iin ?? null },
      });
      return toStored(row);
    },

    async submit(id: string, form: ApplicationForm, submission: { number: string; submittedAt: Date; dueDate: string }): Promise<StoredApplication> {
      assertTransition("draft", "submitted");
      const valid = applicationFormSchema.parse(form);
      const row = await prisma.application.update({
        where: { id, status: "draft" },
        data: { form: valid, iin: valid.iin, status: "submitted", ...submission },
      });
      return toStored(row);
    },

    async findById(id: string): Promise<StoredApplication | undefined> {
      const row = await prisma.application.findUnique({ where: { id } });
      return row ? toStored(row) : undefined;
    },
  };
}
