// The operators' audit trail: inserts only (the table refuses updates and deletes).
import type { Actor } from "../domain/actor.ts";
import type { DbClient } from "./client.ts";
import type { Prisma } from "./generated/client.ts";

export type AuditInput = {
  at: Date;
  actor: Actor;
  action: string;
  subjectType: "application" | "appeal" | "complaint" | "support_thread" | "staff_chat";
  subjectId: string;
  before?: Record<string, unknown>;
  after?: Record<string, unknown>;
};

export function createAuditLog(prisma: DbClient) {
  return {
    async record(entry: AuditInput): Promise<void> {
      await prisma.auditEntry.create({
        data: {
          at: entry.at,
          actorId: BigInt(entry.actor.id),
          actorName: entry.actor.name,
          action: entry.action,
          subjectType: entry.subjectType,
          subjectId: entry.subjectId,
          before: (entry.before ?? undefined) as Prisma.InputJsonValue | undefined,
          after: (entry.after ?? undefined) as Prisma.InputJsonValue | undefined,
        },
      });
    },

    async forSubject(subjectType: string, subjectId: string) {
      return prisma.auditEntry.findMany({ where: { subjectType, subjectId }, orderBy: { at: "asc" } });
    },
  };
}
