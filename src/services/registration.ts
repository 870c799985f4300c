// Use cases of the registration path: a draft filled in section by section,
// the one-active-application-per-IIN rule, consent, and submission.
import type { ApplicantRepository } from "../db/applicants.ts";
import { createApplicantRepository } from "../db/applicants.ts";
import { createApplicationRepository, type DraftProgress, type StoredApplication } from "../db/applications.ts";
import type { ConsentRepository } from "../db/consents.ts";
import type { PrismaClient } from "../db/generated/client.ts";
import { createNotificationRepository } from "../db/notifications.ts";
import { createReminderRepository } from "../db/reminders.ts";
import { type ApplicationForm, applicationFormSchema, type DraftForm } from "../domain/application.ts";
import { almatyDate } from "../domain/dates.ts";
import { applicationDecisionDue, applicationDueAt } from "../domain/deadlines.ts";

/** The version of the consent text shown (locales: registration.consent.text). */
export const CONSENT_TEXT_VERSION = "2026-11-v1";

export type IinCheck =
  | { kind: "free" }
  | { kind: "own"; application: StoredApplication }
  // Someone else's: nothing about it may be told.
  | { kind: "taken" };

export type Receipt = { number: string; receivedAt: Date; dueDate: string };

/** Another account's application with the same IIN was submitted first (the unique index decided). */
export class IinTakenError extends Error {
  override name = "IinTakenError";
}

export class FormIncompleteError extends Error {
  override name = "FormIncompleteError";
}

export type RegistrationService = ReturnType<typeof createRegistrationService>;

export function createRegistrationService(deps: { prisma: PrismaClient; applicants: ApplicantRepository; consents: ConsentRepository }) {
  const applications = createApplicationRepository(deps.prisma);

  return {
    /** The person's draft, creating one (and the applicant) when there is none. */
    async openDraft(telegramUserId: number, chatId: number, firstStep: string): Promise<StoredApplication> {
      const applicant = await deps.applicants.ensure(telegramUserId, chatId);
      const draft = await applications.findDraft(applicant.id);
      if (draft) return draft;
      return applications.createDraft(applicant.id, {}, { step: firstStep });
    },

    async findApplication(id: string): Promise<StoredApplication | undefined> {
      return applications.findById(id);
    },

    async findDraft(telegramUserId: number): Promise<StoredApplication | undefined> {
      const applicant = await deps.applicants.findByTelegramId(telegramUserId);
      return applicant ? applications.findDraft(applicant.id) : undefined;
    },

    async setProgress(draftId: string, progress: DraftProgress): Promise<void> {
      await applications.setProgress(draftId, progress);
    },

    async checkIin(telegramUserId: number, iin: string): Promise<IinCheck> {
      const active = await applications.findActiveByIin(iin);
      if (!active) return { kind: "free" };
      const owner = await deps.applicants.findByTelegramId(telegramUserId);
      return owner && active.applicantId === owner.id ? { kind: "own", application: active } : { kind: "taken" };
    },

    /** Declining consent, or giving up: the draft and every answer in it are deleted. */
    async discardDraft(draftId: string): Promise<void> {
      await applications.deleteDraft(draftId);
    },

    async recordConsent(draftId: string, givenAt: Date): Promise<void> {
      const draft = await applications.findById(draftId);
      if (!draft || draft.status !== "draft") throw new FormIncompleteError("no draft to consent for");
      // Once per draft and text: the same consent given again (after a failure) is not a second record.
      if (await deps.consents.exists(draft.id, CONSENT_TEXT_VERSION)) return;
      await deps.consents.record({ applicantId: draft.applicantId, applicationId: draft.id, textVersion: CONSENT_TEXT_VERSION, givenAt });
    },

    /** The answers and place of a draft, as plain JSON (conversations store it). */
    async loadDraft(draftId: string): Promise<{ form: DraftForm; editing: boolean; applicantId: string } | undefined> {
      const draft = await applications.findById(draftId);
      return draft && draft.status === "draft" ? { form: draft.form, editing: draft.editing, applicantId: draft.applicantId } : undefined;
    },

    /**
     * Submits a complete draft; IinTakenError when another account's
     * application with this IIN won. Submitting a submitted draft again gives
     * its receipt, so a signature handled twice files once.
     */
    async submit(draftId: string, receivedAt: Date): Promise<Receipt> {
      return submitInTransaction(draftId, receivedAt).catch((error: unknown) => {
        if (isUniqueViolation(error)) throw new IinTakenError("an application with this IIN is already active");
        throw error;
      });
    },
  };

  function submitInTransaction(draftId: string, receivedAt: Date): Promise<Receipt> {
    return deps.prisma.$transaction((tx) => submitDraft(tx as PrismaClient, draftId, receivedAt));
  }
}

/**
 * Number, receipt time, due date, the reminder of the term and the history
 * entry, written with the given client (inside the caller's transaction).
 * A submitted draft gives its receipt again.
 */
export async function submitDraft(prisma: PrismaClient, draftId: string, receivedAt: Date): Promise<Receipt> {
  const applications = createApplicationRepository(prisma);
  const draft = await applications.findById(draftId);
  // Submitted already by an earlier handling of the same signature: the same receipt.
  if (draft && draft.status !== "draft" && draft.number && draft.submittedAt && draft.dueDate) {
    return { number: draft.number, receivedAt: draft.submittedAt, dueDate: draft.dueDate };
  }
  const parsed = applicationFormSchema.safeParse(draft?.form);
  if (!draft || draft.status !== "draft" || !parsed.success) throw new FormIncompleteError("the draft is not complete");
  const form: ApplicationForm = parsed.data;
  const year = Number(almatyDate(receivedAt).slice(0, 4));
  const number = `${year}-${String(await applications.nextNumber(year)).padStart(6, "0")}`;
  const dueDate = applicationDecisionDue(receivedAt);
  await applications.submit(draftId, form, { number, submittedAt: receivedAt, dueDate });
  const applicants = createApplicantRepository(prisma);
  await applicants.saveIdentity(draft.applicantId, { iin: form.iin, phone: form.phone });
  const applicant = await applicants.findById(draft.applicantId);
  // Tells the person if the term passes without a result (sent only if still undecided then).
  await createReminderRepository(prisma).schedule([
    {
      kind: "application_due",
      dueAt: applicationDueAt(dueDate),
      chatId: applicant?.chatId ?? 0,
      payload: { applicationId: draftId, number, dueDate },
      dedupeKey: `application_due:${draftId}`,
    },
  ]);
  await createNotificationRepository(prisma).record({
    applicantId: draft.applicantId,
    applicationId: draftId,
    kind: "application_received",
    payload: { number, dueDate },
    sentAt: receivedAt,
  });
  return { number, receivedAt, dueDate };
}

/** Prisma's P2002, or PostgreSQL's 23505 as the driver adapter reports it inside a transaction. */
export function isUniqueViolation(error: unknown): boolean {
  const { code, cause } = error as { code?: string; cause?: { code?: string } };
  return code === "P2002" || cause?.code === "23505";
}
