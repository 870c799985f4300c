// Use case: a person asks for a human. A thread is opened (one at a time per
// person), relayed through the staff chat, and closed by an operator.
import type { StoredThread } from "../db/support-threads.ts";
import type { UnitOfWork } from "../db/unit-of-work.ts";
import type { Actor } from "../domain/actor.ts";
import type { ApplicationStatus } from "../domain/application.ts";
import { type Sex, sexOfIin } from "../domain/iin.ts";
import type { Language } from "../domain/language.ts";
import { auditedChange } from "./audited-change.ts";

/** A thread as the staff chat sees it. */
export type SupportThread = {
  id: string;
  status: "open" | "closed";
  staffMessageId: number | null;
  openedAt: Date;
  /** The operator who closed it (their Telegram name, as the card says). */
  closedByName: string | null;
};

export type ThreadView = {
  thread: SupportThread;
  applicant: { chatId: number; language: Language };
  /** The person's latest application, if any: what the operator needs to know. */
  application: { id: string; number: string | null; status: ApplicationStatus; applicantSex: Sex | undefined } | null;
};

export type SupportService = ReturnType<typeof createSupportService>;

export function threadOf(stored: StoredThread): SupportThread {
  return {
    id: stored.id,
    status: stored.status,
    staffMessageId: stored.staffMessageId,
    openedAt: stored.openedAt,
    closedByName: stored.closedByName,
  };
}

export function createSupportService(db: UnitOfWork) {
  const { applicants, applications, supportThreads: threads } = db.repos;

  const view = async (thread: StoredThread): Promise<ThreadView> => {
    const applicant = await applicants.findById(thread.applicantId);
    const application = thread.applicationId ? await applications.findById(thread.applicationId) : undefined;
    return {
      thread: threadOf(thread),
      applicant: { chatId: applicant?.chatId ?? 0, language: applicant?.language ?? "ru" },
      application: application
        ? {
            id: application.id,
            number: application.number,
            status: application.status,
            applicantSex: sexOfIin(application.form.iin),
          }
        : null,
    };
  };

  return {
    /** The person's open thread, or a new one; `created` tells whether the staff chat must be told. */
    async open(telegramUserId: number, chatId: number, at: Date): Promise<{ view: ThreadView; created: boolean }> {
      const applicant = await applicants.ensure(telegramUserId, chatId);
      const existing = await threads.findOpen(applicant.id);
      if (existing) return { view: await view(existing), created: false };
      const latest = (await applications.listSent(applicant.id))[0] ?? (await applications.findDraft(applicant.id));
      return { view: await view(await threads.open(applicant.id, latest?.id ?? null, at)), created: true };
    },

    async openThreadOf(telegramUserId: number): Promise<ThreadView | undefined> {
      const applicant = await applicants.findByTelegramId(telegramUserId);
      const thread = applicant ? await threads.findOpen(applicant.id) : undefined;
      return thread ? view(thread) : undefined;
    },

    async byId(threadId: string): Promise<ThreadView | undefined> {
      const thread = await threads.findById(threadId);
      return thread ? view(thread) : undefined;
    },

    async setStaffMessage(threadId: string, messageId: number): Promise<void> {
      await threads.setStaffMessage(threadId, messageId);
    },

    async close(threadId: string, operator: Actor, at: Date): Promise<ThreadView | undefined> {
      const outcome = await db.transaction((repos) =>
        auditedChange(repos, threadId, operator, at, {
          subjectType: "support_thread",
          action: "support_thread.close",
          find: (r, id) => r.supportThreads.findById(id),
          claim: (r) => r.supportThreads.close(threadId, at, operator.name),
          record: () => ({ before: { status: "open" }, after: { status: "closed" } }),
        }),
      );
      return outcome.kind === "changed" ? view(outcome.after) : undefined;
    },
  };
}
