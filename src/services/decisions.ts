// Use cases of the operators: take an application, register the person or
// refuse on one of the two legal grounds. Every action is audited; a decision
// is stored once, whoever presses first.
import { createApplicantRepository } from "../db/applicants.ts";
import { type ApplicationRepository, createApplicationRepository, type StoredApplication } from "../db/applications.ts";
import { type Actor, createAuditLog } from "../db/audit.ts";
import type { PrismaClient } from "../db/generated/client.ts";
import { createNotificationRepository } from "../db/notifications.ts";
import { createReminderRepository } from "../db/reminders.ts";
import type { RefusalGround } from "../domain/application.ts";
import { almatyDate } from "../domain/dates.ts";
import { complaintWindowReminders } from "./complaint-window.ts";
import type { Language } from "../domain/language.ts";

export type Decision = { kind: "register" } | { kind: "refuse"; ground: RefusalGround; note: string };

/** Who is to be told, and in which language. */
export type ApplicantAddress = { chatId: number; language: Language };

export type DecisionResult =
  | { kind: "decided"; application: StoredApplication; applicant: ApplicantAddress }
  | { kind: "already_decided"; application: StoredApplication }
  | { kind: "not_found" };

export type TakeResult =
  | { kind: "taken"; application: StoredApplication }
  | { kind: "taken_by_other"; application: StoredApplication }
  | { kind: "already_decided"; application: StoredApplication }
  | { kind: "not_found" };

export type DecisionService = ReturnType<typeof createDecisionService>;

export function createDecisionService(prisma: PrismaClient) {
  const applications = createApplicationRepository(prisma);

  return {
    async take(applicationId: string, operator: Actor, now: Date): Promise<TakeResult> {
      const before = await applications.findById(applicationId);
      if (!before || before.status === "draft") return { kind: "not_found" };
      if (before.status !== "submitted") return { kind: "already_decided", application: before };
      if (!(await applications.assign(applicationId, operator))) {
        return { kind: "taken_by_other", application: (await applications.findById(applicationId))! };
      }
      await createAuditLog(prisma).record({
        at: now,
        actor: operator,
        action: "application.take",
        subjectType: "application",
        subjectId: applicationId,
        before: { assignee: before.assignee?.name ?? null },
        after: { assignee: operator.name },
      });
      return { kind: "taken", application: (await applications.findById(applicationId))! };
    },

    async decide(applicationId: string, operator: Actor, decision: Decision, now: Date): Promise<DecisionResult> {
      return prisma.$transaction(async (tx) => {
        const txApplications: ApplicationRepository = createApplicationRepository(tx as PrismaClient);
        const before = await txApplications.findById(applicationId);
        if (!before || before.status === "draft") return { kind: "not_found" as const };
        const claimed = await txApplications.claimDecision(applicationId, {
          status: decision.kind === "register" ? "registered" : "refused",
          ...(decision.kind === "refuse" ? { refusalGround: decision.ground, refusalNote: decision.note } : {}),
          at: now,
          by: operator,
        });
        const after = (await txApplications.findById(applicationId))!;
        if (!claimed) return { kind: "already_decided" as const, application: after };

        await createAuditLog(tx as PrismaClient).record({
          at: now,
          actor: operator,
          action: decision.kind === "register" ? "application.register" : "application.refuse",
          subjectType: "application",
          subjectId: applicationId,
          before: { status: before.status },
          after: { status: after.status, ...(decision.kind === "refuse" ? { ground: decision.ground, note: decision.note } : {}) },
        });
        await createNotificationRepository(tx as PrismaClient).record({
          applicantId: after.applicantId,
          applicationId,
          kind: decision.kind === "register" ? "application_registered" : "application_refused",
          payload: { number: after.number ?? "", ...(decision.kind === "refuse" ? { ground: decision.ground } : {}) },
          sentAt: now,
        });
        const applicant = await createApplicantRepository(tx as PrismaClient).findById(after.applicantId);
        if (!applicant) throw new Error(`application ${applicationId} has no applicant`);
        // Sent by the reminder dispatcher, retried until Telegram takes it: an
        // outage never loses the result. (A person who blocked the bot finds
        // it in /status and /history.)
        await createReminderRepository(tx as PrismaClient).schedule([
          { kind: "application_decided", dueAt: now, chatId: applicant.chatId, payload: { applicationId }, dedupeKey: `application_decided:${applicationId}` },
          ...(decision.kind === "refuse" ? complaintWindowReminders(`application:${after.number}`, after.number ?? "", almatyDate(now), applicant.chatId) : []),
        ]);
        return {
          kind: "decided" as const,
          application: after,
          applicant: { chatId: applicant.chatId, language: applicant.language ?? "ru" },
        };
      });
    },
  };
}
