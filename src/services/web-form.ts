// The draft as the web form (the citizen's Mini App) reads and saves it: the
// same draft, schema and storage as the chat path.
//
// The rule that keeps the two paths consistent:
// - The draft in the database is the truth. A web save lays the sections it
//   carries over the stored form (the chat's finished sections do the same,
//   see conversation-states.ts), so neither path overwrites what the other
//   saved with a stale copy.
// - The phone and the IIN are answered in the chat only: Telegram proves the
//   phone is the person's own, and the IIN is checked as a pair with it in
//   the citizens' mobile database, with the one-application-per-IIN rule.
// - After a web save the draft's step is where the chat would be with these
//   answers: the first section not yet answered, else the summary. So a draft
//   at the consent or the signature goes back to the summary, and the person
//   sees what they sign before they consent and sign again. The chat's
//   question on screen no longer matches the step: its next answer restarts
//   that step with "let us continue from this question" (bot/registration/
//   flow.ts). Whether the person left the form (/cancel) is kept. The chat is
//   also told at once, with a button that goes on at the step
//   (bot/features/web-form.ts, called by the server after a save).
import { z } from "zod";
import type { UnitOfWork } from "../db/unit-of-work.ts";
import { type Application, applicationFormSchema, type DraftForm, limits } from "../domain/application.ts";
import { type FormSection, firstUnanswered, formSections, isAnswered } from "../domain/form-sections.ts";
import { CONSENT_TEXT_VERSION } from "./registration.ts";

const form = applicationFormSchema.shape;

/** What a web save may change: the chat's schemas, without the phone and the IIN. */
export const webFormChangesSchema = z
  .object({
    fullName: form.fullName,
    experience: form.experience,
    education: form.education,
    // null: the person removed what they had written (the section is optional).
    personalSkills: form.personalSkills.unwrap().nullable(),
    languageSkills: form.languageSkills,
    workingHours: form.workingHours,
    desiredPosition: form.desiredPosition,
    // The chat's lower bound too: below it a person almost always meant thousands.
    desiredSalary: form.desiredSalary.min(limits.minSalary),
  })
  .partial()
  .strict();
export type WebFormChanges = z.infer<typeof webFormChangesSchema>;

export type WebDraftView = {
  form: DraftForm;
  /** The step the chat is at (a section, summary, consent, otp). */
  step: string | null;
  /** The person left the form in the chat (/cancel); "Continue" there resumes it. */
  paused: boolean;
  answered: FormSection[];
  consentTextVersion: string;
  updatedAt: Date;
};

export type WebFormService = ReturnType<typeof createWebFormService>;

export function createWebFormService(db: UnitOfWork) {
  return {
    async draft(telegramUserId: number): Promise<WebDraftView | undefined> {
      const applicant = await db.repos.applicants.findByTelegramId(telegramUserId);
      const draft = applicant && (await db.repos.applications.findDraft(applicant.id));
      return draft && viewOf(draft);
    },

    /** Saves the sections given; undefined when the person has no draft (it is begun in the chat). */
    async save(telegramUserId: number, changes: WebFormChanges): Promise<WebDraftView | undefined> {
      return db.transaction(async (repos) => {
        const applicant = await repos.applicants.findByTelegramId(telegramUserId);
        const found = applicant && (await repos.applications.findDraft(applicant.id));
        if (!found) return undefined;
        // Read again under the lock: a chat section stored meanwhile is part of what is merged.
        await repos.applications.lockDraft(found.id);
        const draft = await repos.applications.findById(found.id);
        if (draft?.status !== "draft") return undefined;
        const { personalSkills, ...rest } = changes;
        const merged: DraftForm = { ...draft.form, ...rest };
        if (personalSkills !== undefined) merged.personalSkills = personalSkills ?? undefined;
        const saved = await repos.applications.saveDraft(draft.id, merged, {
          step: firstUnanswered(merged) ?? "summary",
          editing: false,
        });
        return viewOf(saved);
      });
    },
  };
}

function viewOf(draft: Application): WebDraftView {
  return {
    form: draft.form,
    step: draft.step,
    paused: draft.paused,
    answered: formSections.filter((section) => isAnswered(section, draft.form)),
    consentTextVersion: CONSENT_TEXT_VERSION,
    updatedAt: draft.updatedAt,
  };
}
