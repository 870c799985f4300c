// Use case: the person's rights over their data (/mydata). They see all that
// is stored about them, and may withdraw an undecided application, withdraw
// their consent to publication on enbek.kz, or delete a draft. Each change
// is audited; the staff chat hears of the first two.
import type { StoredConsent } from "../db/consents.ts";
import type { UnitOfWork } from "../db/unit-of-work.ts";
import type { Actor } from "../domain/actor.ts";
import type { Appeal } from "../domain/appeal.ts";
import type { Application } from "../domain/application.ts";
import type { Complaint } from "../domain/complaint.ts";
import type { Language } from "../domain/language.ts";
import { auditedChange } from "./audited-change.ts";

export type PersonalData = {
  phone: string | undefined;
  language: Language | undefined;
  draft: Application | undefined;
  /** Sent applications, newest first. */
  applications: Application[];
  appeals: Appeal[];
  complaints: Complaint[];
  consents: Array<StoredConsent & { applicationNumber: string | undefined }>;
};

export type ApplicationWithdrawal = { kind: "withdrawn"; application: Application } | { kind: "nothing_undecided" };

export type ConsentWithdrawal = { kind: "withdrawn"; applications: Application[] } | { kind: "nothing_in_force" };

export type PersonalDataService = ReturnType<typeof createPersonalDataService>;

export function createPersonalDataService(db: UnitOfWork) {
  const { applicants, applications, appeals, complaints, consents } = db.repos;

  return {
    /** Undefined when nothing at all is stored about this Telegram account. */
    async of(telegramUserId: number): Promise<PersonalData | undefined> {
      const applicant = await applicants.findByTelegramId(telegramUserId);
      if (!applicant) return undefined;
      const sent = await applications.listSent(applicant.id);
      const numbers = new Map(sent.map((application) => [application.id, application.number ?? undefined]));
      return {
        phone: applicant.phone ?? sent[0]?.form.phone,
        language: applicant.language,
        draft: await applications.findDraft(applicant.id),
        applications: sent,
        appeals: await appeals.listForApplicant(applicant.id),
        complaints: await complaints.listForApplicant(applicant.id),
        consents: (await consents.listForApplicant(applicant.id)).map((consent) => ({
          ...consent,
          applicationNumber: consent.applicationId ? numbers.get(consent.applicationId) : undefined,
        })),
      };
    },

    /** The person's undecided application, withdrawn: its term stops and its card says so. */
    async withdrawApplication(person: Actor, at: Date): Promise<ApplicationWithdrawal> {
      const applicant = await applicants.findByTelegramId(person.id);
      const undecided = applicant && (await applications.listSent(applicant.id)).find((a) => a.status === "submitted");
      if (!undecided) return { kind: "nothing_undecided" };
      const outcome = await db.transaction((repos) =>
        auditedChange(repos, undecided.id, person, at, {
          subjectType: "application",
          action: "application.withdraw",
          find: (r, id) => r.applications.findById(id),
          claim: (r, before) => r.applications.claimWithdrawal(before.id, at),
          record: (before, after) => ({ before: { status: before.status }, after: { status: after.status } }),
        }),
      );
      return outcome.kind === "changed"
        ? { kind: "withdrawn", application: outcome.after }
        : { kind: "nothing_undecided" };
    },

    /** Every consent still in force, withdrawn; the applications it covered are no longer to be published. */
    async withdrawConsent(person: Actor, at: Date): Promise<ConsentWithdrawal> {
      return db.transaction(async (repos) => {
        const applicant = await repos.applicants.findByTelegramId(person.id);
        const withdrawn = applicant ? await repos.consents.withdrawAll(applicant.id, at) : [];
        if (withdrawn.length === 0) return { kind: "nothing_in_force" };
        const covered: Application[] = [];
        for (const consent of withdrawn) {
          const application = consent.applicationId && (await repos.applications.findById(consent.applicationId));
          if (!application || application.status === "draft") continue;
          covered.push(application);
          await repos.audit.record({
            at,
            actor: person,
            action: "consent.withdraw",
            subjectType: "application",
            subjectId: application.id,
            before: { consent: consent.textVersion },
            after: { consent: null },
          });
        }
        return { kind: "withdrawn", applications: covered };
      });
    },

    /** Deletes the person's draft with every answer in it; false when there is none. */
    async deleteDraft(telegramUserId: number): Promise<boolean> {
      const applicant = await applicants.findByTelegramId(telegramUserId);
      const draft = applicant && (await applications.findDraft(applicant.id));
      if (!draft) return false;
      await applications.deleteDraft(draft.id);
      return true;
    },
  };
}
