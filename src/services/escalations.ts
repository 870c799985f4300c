// Use case: undecided applications near or past their term are brought back
// to the staff chat, each warning once. The warning is claimed on the
// application and queued as a reminder in the same transaction, so two
// instances never both send it, and a failed post is retried as every
// reminder is (services/reminders.ts) instead of being lost with its claim.
import type { UnitOfWork } from "../db/unit-of-work.ts";
import { almatyDate } from "../domain/dates.ts";
import { applicationDueState } from "../domain/deadlines.ts";
import { scheduleReminders } from "./reminders.ts";

export type EscalationLevel = "due_soon" | "overdue";

export type EscalationService = ReturnType<typeof createEscalationService>;

export function createEscalationService(db: UnitOfWork, staffChatId: number | undefined) {
  const { applications } = db.repos;
  return {
    /** Queues the warnings due now, each once; returns how many were queued. */
    async scheduleDue(now: Date): Promise<number> {
      if (staffChatId === undefined) return 0;
      let queued = 0;
      for (const application of await applications.undecidedDueBy(almatyDate(now))) {
        const state = applicationDueState(application.dueDate!, now);
        if (state === "on_time") continue;
        const level: EscalationLevel = state;
        if ((level === "overdue" ? application.overdueWarnedAt : application.dueWarnedAt) !== null) continue;
        const claimed = await db.transaction(async (repos) => {
          if (!(await repos.applications.claimEscalation(application.id, level, now))) return false;
          await scheduleReminders(repos, [
            {
              kind: "staff_escalation",
              dueAt: now,
              chatId: staffChatId,
              payload: { applicationId: application.id, level },
              dedupeKey: `staff_escalation:${level}:${application.id}`,
            },
          ]);
          return true;
        });
        if (claimed) queued++;
      }
      return queued;
    },
  };
}
