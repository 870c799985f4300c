// Use case: undecided applications near or past their term are brought back
// to the staff chat, each warning once (claimed atomically, so two instances
// never both send it).
import { createApplicationRepository, type StoredApplication } from "../db/applications.ts";
import type { PrismaClient } from "../db/generated/client.ts";
import { almatyDate } from "../domain/dates.ts";
import { applicationDueState } from "../domain/deadlines.ts";

export type Escalation = { kind: "due_soon" | "overdue"; application: StoredApplication };

export type EscalationService = ReturnType<typeof createEscalationService>;

export function createEscalationService(prisma: PrismaClient) {
  const applications = createApplicationRepository(prisma);
  return {
    /** The escalations to send now; each is claimed, so it is returned once only. */
    async claimDue(now: Date): Promise<Escalation[]> {
      const claimed: Escalation[] = [];
      for (const application of await applications.undecidedDueBy(almatyDate(now))) {
        const state = applicationDueState(application.dueDate!, now);
        if (state === "on_time") continue;
        if (state === "overdue" && application.overdueWarnedAt === null && (await applications.claimEscalation(application.id, "overdue", now))) {
          claimed.push({ kind: "overdue", application });
          continue;
        }
        if (state === "due_soon" && application.dueWarnedAt === null && (await applications.claimEscalation(application.id, "due_soon", now))) {
          claimed.push({ kind: "due_soon", application });
        }
      }
      return claimed;
    },
  };
}
