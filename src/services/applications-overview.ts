// Use case: what the person sees in /status and in /history ("History of
// obtained services"): their applications and every notification sent.
import type { StatusAppeal, StatusComplaint } from "../db/status-lines.ts";
import type { UnitOfWork } from "../db/unit-of-work.ts";
import type { ApplicationStatus } from "../domain/application.ts";
import { type Sex, sexOfIin } from "../domain/iin.ts";

/** `applicantSex`, from the IIN: Russian words "registered" by it. */
export type ApplicationSummary = {
  number: string;
  status: ApplicationStatus;
  applicantSex: Sex | undefined;
  submittedAt: Date;
  dueDate: string;
};

/** What /status lists, newest first in each list. */
export type StatusOverview = {
  applications: ApplicationSummary[];
  appeals: StatusAppeal[];
  complaints: StatusComplaint[];
};

export type HistoryEntry =
  | {
      kind: "application";
      at: Date;
      number: string;
      status: ApplicationStatus;
      applicantSex: Sex | undefined;
      dueDate: string;
    }
  | { kind: "notification"; at: Date; notification: string; number: string | undefined };

export type ApplicationsOverview = ReturnType<typeof createApplicationsOverview>;

export function createApplicationsOverview(db: UnitOfWork) {
  const deps = db.repos;
  const sentApplications = async (telegramUserId: number) => {
    const applicant = await deps.applicants.findByTelegramId(telegramUserId);
    if (!applicant) return { applicant, applications: [] };
    return { applicant, applications: await deps.applications.listSent(applicant.id) };
  };

  return {
    /** Only what a line shows: no form or appeal text is opened (src/db/status-lines.ts). */
    async status(telegramUserId: number): Promise<StatusOverview> {
      const { applications, appeals, complaints } = await deps.statusLines.of(telegramUserId);
      return {
        applications: applications.map((application) => ({
          ...application,
          number: application.number ?? "",
          dueDate: application.dueDate ?? "",
        })),
        appeals,
        complaints,
      };
    },

    /** Applications and notifications, newest first. */
    async history(telegramUserId: number): Promise<HistoryEntry[]> {
      const { applicant, applications } = await sentApplications(telegramUserId);
      if (!applicant) return [];
      const numbers = new Map(applications.map((application) => [application.id, application.number ?? undefined]));
      const notifications = await deps.notifications.listForApplicant(applicant.id);
      const entries: HistoryEntry[] = [
        ...applications.map((application) => ({
          kind: "application" as const,
          at: application.submittedAt ?? application.createdAt,
          number: application.number ?? "",
          status: application.status,
          applicantSex: sexOfIin(application.form.iin),
          dueDate: application.dueDate ?? "",
        })),
        ...notifications.map((notification) => ({
          kind: "notification" as const,
          at: notification.sentAt,
          notification: notification.kind,
          number: notification.applicationId ? numbers.get(notification.applicationId) : undefined,
        })),
      ];
      return entries.sort((a, b) => b.at.getTime() - a.at.getTime());
    },
  };
}
