// Prisma access for notifications: what was sent to the applicant about their
// applications, listed in /history.
import type { DbClient } from "./client.ts";
import type { Prisma } from "./generated/client.ts";

export type NotificationKind = "application_received" | "application_registered" | "application_refused";

export type StoredNotification = {
  id: string;
  applicationId: string | null;
  kind: string;
  payload: Record<string, unknown>;
  sentAt: Date;
};

export type NewNotification = {
  applicantId: string;
  applicationId: string;
  kind: NotificationKind;
  payload: Record<string, string>;
  sentAt: Date;
};

export type NotificationRepository = ReturnType<typeof createNotificationRepository>;

export function createNotificationRepository(prisma: DbClient) {
  return {
    async record(input: NewNotification): Promise<void> {
      await prisma.notification.create({ data: { ...input, payload: input.payload as Prisma.InputJsonValue } });
    },

    async listForApplicant(applicantId: string): Promise<StoredNotification[]> {
      const rows = await prisma.notification.findMany({ where: { applicantId }, orderBy: { sentAt: "desc" } });
      return rows.map((row) => ({ ...row, payload: (row.payload ?? {}) as Record<string, unknown> }));
    },
  };
}
