// Use cases of the registration path: a draft filled in section by section,
// the one-active-application-per-IIN rule, consent, and submission.
import type { DraftProgress } from "../db/applications.ts";
import type { Repositories } from "../db/repositories.ts";
import type { UnitOfWork } from "../db/unit-of-work.ts";
import { type Application, applicationFormSchema, type DraftForm, isActive } from "../domain/application.ts";
import { almatyDate, type IsoDate } from "../domain/dates.ts";
import { applicationDecisionDue, applicationDueAt } from "../domain/deadlines.ts";
import { auditedChange } from "./audited-change.ts";
import { scheduleReminders } from "./reminders.ts";

/** The version of the consent text shown (locales: registration.consent.text). */
export const CONSENT_TEXT_VERSION = "2026-11-v1";

export type IinCheck =
  | { kind: "free" }
  | { kind: "own"; application: Application }
  // Someone else's: nothing about it may be told.
  | { kind: "taken" };

export type Receipt = { number: string; receivedAt: Date; dueDate: IsoDate };

/** Another account's application with the same IIN was submitted first (the unique index decided). */
export class IinTakenError extends Error {
  override name = "IinTakenError";
}

export class FormIncompleteError extends Error {
  override name = "FormIncompleteError";
}

export type { DraftProgress };

export type RegistrationService = ReturnType<typeof createRegistrationService>;

export function createRegistrationService(db: UnitOfWork) {
  const { applicants, applications, consents } = db.repos;

  return {
    /** The person's draft, creating one (and the applicant) when there is none. */
    async openDraft(telegramUserId: number, chatId: number, firstStep: string): Promise<Application> {
      const applicant = await applicants.ensure(telegramUserId, chatId);
      const draft = await applications.findDraft(applicant.id);
      if (draft) {
        // The person came back: the draft is kept another full period (services/retention.ts).
        await applications.touch(draft.id);
        return draft;
      }
      return applications.createDraft(applicant.id, {}, { step: firstStep });
    },

    findApplication: (id: string): Promise<Application | undefined> => applications.findById(id),

    /** An application of this account still in force (submitted or registered): a new one cannot be filed. */
    async findActive(telegramUserId: number): Promise<Application | undefined> {
      const applicant = await applicants.findByTelegramId(telegramUserId);
      if (!applicant) return undefined;
      const sent = await applications.listSent(applicant.id);
      return sent.find((application) => isActive(application.status));
    },

    findDraft: (telegramUserId: number): Promise<Application | undefined> => applications.findDraftOf(telegramUserId),

    setProgress: (draftId: string, progress: DraftProgress): Promise<void> =>
      applications.setProgress(draftId, progress),

    async checkIin(telegramUserId: number, iin: string): Promise<IinCheck> {
      const active = await applications.findActiveByIin(iin);
      if (!active) return { kind: "free" };
      const owner = await applicants.findByTelegramId(telegramUserId);
      return owner && active.applicantId === owner.id ? { kind: "own", application: active } : { kind: "taken" };
    },

    /**
     * The owner of an IIN (their phone registered under it in the citizens'
     * mobile database, the code sent to it typed back) takes its active
     * application over from another Telegram account: the application and
     * what it was told move here, the old account loses access, and the
     * audit trail says who moved it from where.
     */
    async takeOver(telegramUserId: number, chatId: number, iin: string, at: Date): Promise<Application | undefined> {
      return db.transaction(async (repos) => {
        const active = await repos.applications.findActiveByIin(iin);
        if (!active) return undefined;
        const owner = await repos.applicants.ensure(telegramUserId, chatId);
        if (active.applicantId === owner.id) return active;
        const previous = await repos.applicants.findById(active.applicantId);
        await repos.applications.reassign(active.id, owner.id);
        if (previous) {
          await repos.reminders.readdress(
            { applicationId: active.id, subject: `application:${active.number}` },
            previous.chatId,
            owner.chatId,
          );
        }
        await repos.audit.record({
          at,
          actor: { id: telegramUserId, name: "applicant" },
          action: "application.take_over",
          subjectType: "application",
          subjectId: active.id,
          before: { applicantId: active.applicantId },
          after: { applicantId: owner.id },
        });
        return repos.applications.findById(active.id);
      });
    },

    /** Declining consent, or giving up: the draft and every answer in it are deleted. */
    discardDraft: (draftId: string): Promise<void> => applications.deleteDraft(draftId),

    async recordConsent(draftId: string, givenAt: Date): Promise<void> {
      const draft = await applications.findById(draftId);
      if (draft?.status !== "draft") throw new FormIncompleteError("no draft to consent for");
      // Once per draft and text: the same consent given again (after a failure) is not a second record.
      if (await consents.exists(draft.id, CONSENT_TEXT_VERSION)) return;
      await consents.record({
        applicantId: draft.applicantId,
        applicationId: draft.id,
        textVersion: CONSENT_TEXT_VERSION,
        givenAt,
      });
    },

    /** The answers and place of a draft, as plain JSON (conversations store it). */
    async loadDraft(draftId: string): Promise<{ form: DraftForm; editing: boolean; applicantId: string } | undefined> {
      const draft = await applications.findById(draftId);
      return draft && draft.status === "draft"
        ? { form: draft.form, editing: draft.editing, applicantId: draft.applicantId }
        : undefined;
    },

    /**
     * Submits a complete draft; IinTakenError when another account's
     * application with this IIN won. Submitting a submitted draft again gives
     * its receipt, so a signature handled twice files once.
     */
    async submit(draftId: string, receivedAt: Date): Promise<Receipt> {
      return db
        .transaction((repos) => submitDraft(repos, draftId, receivedAt))
        .catch((error: unknown) => {
          if (isUniqueViolation(error)) throw new IinTakenError("an application with this IIN is already active");
          throw error;
        });
    },
  };
}

/**
 * A signed draft becomes an application: its number, receipt time and due
 * date, the reminder of the term and the history entry, with the caller's
 * repositories (inside the caller's transaction). A submitted draft gives
 * its receipt again.
 */
export async function submitDraft(repos: Repositories, draftId: string, receivedAt: Date): Promise<Receipt> {
  const draft = await repos.applications.findById(draftId);
  if (!draft) throw new FormIncompleteError("no such draft");
  const applicant = await repos.applicants.findById(draft.applicantId);
  const signer = { id: applicant?.telegramUserId ?? 0, name: "applicant" };
  const outcome = await auditedChange(repos, draftId, signer, receivedAt, {
    subjectType: "application",
    action: "application.submit",
    find: (r, id) => r.applications.findById(id),
    async claim(r, before) {
      const form = applicationFormSchema.safeParse(before.form);
      if (before.status !== "draft") return false;
      if (!form.success) throw new FormIncompleteError("the draft is not complete");
      const year = Number(almatyDate(receivedAt).slice(0, 4));
      const number = `${year}-${String(await r.applications.nextNumber(year)).padStart(6, "0")}`;
      await r.applications.submit(draftId, form.data, {
        number,
        submittedAt: receivedAt,
        dueDate: applicationDecisionDue(receivedAt),
      });
      return true;
    },
    record: (before, after) => ({
      before: { status: before.status },
      after: { status: after.status, number: after.number },
    }),
    async follow(r, after, person) {
      const number = after.number!;
      const dueDate = after.dueDate!;
      await r.applicants.saveIdentity(person.id, { iin: after.form.iin!, phone: after.form.phone! });
      // Tells the person if the term passes without a result (sent only if still undecided then).
      await scheduleReminders(r, [
        {
          kind: "application_due",
          dueAt: applicationDueAt(dueDate),
          chatId: person.chatId,
          payload: { applicationId: draftId, number, dueDate },
          dedupeKey: `application_due:${draftId}`,
        },
      ]);
      await r.notifications.record({
        applicantId: person.id,
        applicationId: draftId,
        kind: "application_received",
        payload: { number, dueDate },
        sentAt: receivedAt,
      });
    },
  });
  // Submitted already by an earlier handling of the same signature: the same receipt.
  const application =
    outcome.kind === "changed" ? outcome.after : outcome.kind === "not_allowed" ? outcome.current : undefined;
  if (!application?.number || !application.submittedAt || !application.dueDate)
    throw new FormIncompleteError("the draft could not be submitted");
  return { number: application.number, receivedAt: application.submittedAt, dueDate: application.dueDate };
}

/** Prisma's P2002, or PostgreSQL's 23505 as the driver adapter reports it inside a transaction. */
export function isUniqueViolation(error: unknown): boolean {
  const { code, cause } = error as { code?: string; cause?: { code?: string } };
  return code === "P2002" || cause?.code === "23505";
}
