// Use case: a person asks for a human. A thread is opened (one at a time per
// person), relayed through the staff chat, and closed by an operator.
import { createApplicantRepository } from "../db/applicants.ts";
import { createApplicationRepository } from "../db/applications.ts";
import { type Actor, createAuditLog } from "../db/audit.ts";
import type { PrismaClient } from "../db/generated/client.ts";
import { createSupportThreadRepository, type StoredThread } from "../db/support-threads.ts";
import type { Language } from "../domain/language.ts";

export type ThreadView = {
  thread: StoredThread;
  applicant: { chatId: number; language: Language };
  /** The person's latest application, if any: what the operator needs to know. */
  application: { id: string; number: string | null; status: string } | null;
};

export type SupportService = ReturnType<typeof createSupportService>;

export function createSupportService(prisma: PrismaClient) {
  const applicants = createApplicantRepository(prisma);
  const applications = createApplicationRepository(prisma);
  const threads = createSupportThreadRepository(prisma);

  const view = async (thread: StoredThread): Promise<ThreadView> => {
    const applicant = await applicants.findById(thread.applicantId);
    const application = thread.applicationId ? await applications.findById(thread.applicationId) : undefined;
    return {
      thread,
      applicant: { chatId: applicant?.chatId ?? 0, language: applicant?.language ?? "ru" },
      application: application ? { id: application.id, number: application.number, status: application.status } : null,
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
      if (!(await threads.close(threadId, at, operator.name))) return undefined;
      await createAuditLog(prisma).record({
        at,
        actor: operator,
        action: "support_thread.close",
        subjectType: "support_thread",
        subjectId: threadId,
        before: { status: "open" },
        after: { status: "closed" },
      });
      return this.byId(threadId);
    },

    listOpen: () => threads.listOpen(),
  };
}
