// Use case: undecided applications near or past their term are brought back
// to the staff chat, each warning once (claimed atomically, so two instances
// never both send it).
import type { UnitOfWork } from "../db/unit-of-work.ts";
import type { Application } from "../domain/application.ts";
import { almatyDate } from "../domain/dates.ts";
import { applicationDueState } from "../domain/deadlines.ts";

export type Escalation = { kind: "due_soon" | "overdue"; application: Application };

export type EscalationService = ReturnType<typeof createEscalationService>;

export function createEscalationService(db: UnitOfWork) {
  const { applications } = db.repos;
  return {
    /** The escalations to send now; each is claimed, so it is returned once only. */
    async claimDue(now: Date): Promise<Escalation[]> {
      const claimed: Escalation[] = [];
      for (const application of await applications.undecidedDueBy(almatyDate(now))) {
        const state = applicationDueState(application.dueDate!, now);
        if (state === "on_time") continue;
        if (
          state === "overdue" &&
          application.overdueWarnedAt === null &&
          (await applications.claimEscalation(application.id, "overdue", now))
        ) {
          claimed.push({ kind: "overdue", application });
          continue;
        }
        if (
          state === "due_soon" &&
          application.dueWarnedAt === null &&
          (await applications.claimEscalation(application.id, "due_soon", now))
        ) {
          claimed.push({ kind: "due_soon", application });
        }
      }
      return claimed;
    },
  };
}
