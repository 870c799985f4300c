// Use cases of the operators: take an application, register the person or
// refuse on one of the two legal grounds. Every action is audited; a decision
// is stored once, whoever presses first.
import type { UnitOfWork } from "../db/unit-of-work.ts";
import type { Actor } from "../domain/actor.ts";
import type { Application, RefusalGround } from "../domain/application.ts";
import { almatyDate } from "../domain/dates.ts";
import type { Language } from "../domain/language.ts";
import { auditedChange } from "./audited-change.ts";
import { complaintWindowReminders } from "./complaint-window.ts";
import { scheduleReminders } from "./reminders.ts";

export type Decision = { kind: "register" } | { kind: "refuse"; ground: RefusalGround; note: string };

/** Who is to be told, and in which language. */
export type ApplicantAddress = { chatId: number; language: Language };

export type DecisionResult =
  | { kind: "decided"; application: Application; applicant: ApplicantAddress }
  | { kind: "already_decided"; application: Application }
  | { kind: "not_found" };

export type TakeResult =
  | { kind: "taken"; application: Application }
  | { kind: "taken_by_other"; application: Application }
  | { kind: "already_decided"; application: Application }
  | { kind: "not_found" };

export type DecisionService = ReturnType<typeof createDecisionService>;

export function createDecisionService(db: UnitOfWork) {
  return {
    async take(applicationId: string, operator: Actor, now: Date): Promise<TakeResult> {
      const outcome = await db.transaction((repos) =>
        auditedChange(repos, applicationId, operator, now, {
          subjectType: "application",
          action: "application.take",
          find: async (r, id) => {
            const found = await r.applications.findById(id);
            return found?.status === "draft" ? undefined : found;
          },
          claim: (r) => r.applications.assign(applicationId, operator),
          record: (before, after) => ({
            before: { assignee: before.assignee?.name ?? null },
            after: { assignee: after.assignee?.name ?? null },
          }),
        }),
      );
      if (outcome.kind === "not_found") return outcome;
      if (outcome.kind === "changed") return { kind: "taken", application: outcome.after };
      const current = outcome.current;
      return current.status === "submitted"
        ? { kind: "taken_by_other", application: current }
        : { kind: "already_decided", application: current };
    },

    async decide(applicationId: string, operator: Actor, decision: Decision, now: Date): Promise<DecisionResult> {
      const status = decision.kind === "register" ? "registered" : "refused";
      const outcome = await db.transaction((repos) =>
        auditedChange(repos, applicationId, operator, now, {
          subjectType: "application",
          action: decision.kind === "register" ? "application.register" : "application.refuse",
          find: async (r, id) => {
            const found = await r.applications.findById(id);
            return found?.status === "draft" ? undefined : found;
          },
          claim: (r) =>
            r.applications.claimDecision(applicationId, {
              status,
              ...(decision.kind === "refuse" ? { refusalGround: decision.ground, refusalNote: decision.note } : {}),
              at: now,
              by: operator,
            }),
          record: (before, after) => ({
            before: { status: before.status },
            after: {
              status: after.status,
              ...(decision.kind === "refuse" ? { ground: decision.ground, note: decision.note } : {}),
            },
          }),
          async follow(r, after, applicant) {
            await r.notifications.record({
              applicantId: after.applicantId,
              applicationId,
              kind: decision.kind === "register" ? "application_registered" : "application_refused",
              payload: {
                number: after.number ?? "",
                ...(decision.kind === "refuse" ? { ground: decision.ground } : {}),
              },
              sentAt: now,
            });
            // Sent by the reminder dispatcher, retried until Telegram takes it: an
            // outage never loses the result. (A person who blocked the bot finds
            // it in /status and /history.)
            await scheduleReminders(r, [
              {
                kind: "application_decided",
                dueAt: now,
                chatId: applicant.chatId,
                payload: { applicationId },
                dedupeKey: `application_decided:${applicationId}`,
              },
              ...(decision.kind === "refuse"
                ? complaintWindowReminders(
                    `application:${after.number}`,
                    after.number ?? "",
                    almatyDate(now),
                    applicant.chatId,
                  )
                : []),
            ]);
          },
        }),
      );
      if (outcome.kind === "not_found") return outcome;
      if (outcome.kind === "not_allowed") return { kind: "already_decided", application: outcome.current };
      return {
        kind: "decided",
        application: outcome.after,
        applicant: { chatId: outcome.applicant.chatId, language: outcome.applicant.language ?? "ru" },
      };
    },
  };
}
