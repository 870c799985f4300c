// Use cases of the staff chat that only read: the queue of open items, the
// record of one applicant, statistics and the export.
import { createApplicationRepository, type StoredApplication } from "../db/applications.ts";
import { type Actor, createAuditLog } from "../db/audit.ts";
import type { PrismaClient } from "../db/generated/client.ts";
import { createNotificationRepository, type StoredNotification } from "../db/notifications.ts";
import { createSupportThreadRepository, type StoredThread } from "../db/support-threads.ts";
import { addDays, almatyDate, almatyInstant, dayOfWeek, type IsoDate } from "../domain/dates.ts";
import { applicationDueAt } from "../domain/deadlines.ts";
import { parseIin } from "../domain/iin.ts";

export type PeriodStats = {
  received: number;
  registered: number;
  refused: number;
  /** Hours from receipt to decision. */
  averageHoursToDecision: number | null;
  worstHoursToDecision: number | null;
  decidedInTerm: number;
  decided: number;
};

export type Stats = {
  today: PeriodStats;
  week: PeriodStats;
  month: PeriodStats;
  /** The last 30 days, oldest first. */
  days: Array<{ date: IsoDate; received: number; decided: number }>;
};

export type ApplicantRecordView = {
  applications: StoredApplication[];
  notifications: StoredNotification[];
};

export type StaffRecords = ReturnType<typeof createStaffRecords>;

export function createStaffRecords(prisma: PrismaClient) {
  const applications = createApplicationRepository(prisma);
  const audit = createAuditLog(prisma);
  const notifications = createNotificationRepository(prisma);
  const threads = createSupportThreadRepository(prisma);

  return {
    /** Undecided applications due on or before this date, oldest first. */
    undecidedDueBy: (date: IsoDate) => applications.undecidedDueBy(date),

    async queue(): Promise<{ applications: StoredApplication[]; threads: StoredThread[] }> {
      return { applications: await applications.listSubmitted(), threads: await threads.listOpen() };
    },

    /** By IIN (12 digits) or application number (YYYY-NNNNNN); undefined when the query is neither. Audited: it shows personal data. */
    async find(query: string, actor: Actor, now: Date): Promise<ApplicantRecordView | undefined> {
      const trimmed = query.trim().replace(/^№\s*/, "");
      let found: StoredApplication[];
      if (/^\d{4}-\d{6}$/.test(trimmed)) {
        const one = await applications.findByNumber(trimmed);
        found = one ? await applications.listSent(one.applicantId) : [];
      } else {
        const iin = parseIin(trimmed);
        if (!iin.ok) return undefined;
        found = await applications.listByIin(iin.iin);
      }
      await audit.record({ at: now, actor, action: "staff.find", subjectType: "staff_chat", subjectId: "find", after: { found: found.map((a) => a.number) } });
      const applicantIds = [...new Set(found.map((a) => a.applicantId))];
      const notes = (await Promise.all(applicantIds.map((id) => notifications.listForApplicant(id)))).flat();
      return { applications: found, notifications: notes.sort((a, b) => b.sentAt.getTime() - a.sentAt.getTime()) };
    },

    async stats(now: Date): Promise<Stats> {
      const today = almatyDate(now);
      const monthStart = `${today.slice(0, 8)}01`;
      const weekStart = addDays(today, -((dayOfWeek(today) + 6) % 7));
      const from = [monthStart, addDays(today, -29), weekStart].sort()[0]!;
      const all = await applications.listSubmittedBetween(almatyInstant(from, "00:00"), almatyInstant(addDays(today, 1), "00:00"));
      const since = (date: IsoDate) => all.filter((a) => almatyDate(a.submittedAt!) >= date);
      const days = Array.from({ length: 30 }, (_, i) => addDays(today, i - 29)).map((date) => ({
        date,
        received: all.filter((a) => almatyDate(a.submittedAt!) === date).length,
        decided: all.filter((a) => a.decidedAt && almatyDate(a.decidedAt) === date).length,
      }));
      return { today: periodStats(since(today)), week: periodStats(since(weekStart)), month: periodStats(since(monthStart)), days };
    },

    /** Applications received in [from, to]; audited, as it hands out personal data. */
    async export(from: IsoDate, to: IsoDate, actor: Actor, now: Date): Promise<StoredApplication[]> {
      const rows = await applications.listSubmittedBetween(almatyInstant(from, "00:00"), almatyInstant(addDays(to, 1), "00:00"));
      await audit.record({ at: now, actor, action: "staff.export", subjectType: "staff_chat", subjectId: "export", after: { from, to, rows: rows.length } });
      return rows;
    },
  };
}

function periodStats(received: StoredApplication[]): PeriodStats {
  const decided = received.filter((a) => a.decidedAt && a.submittedAt);
  const hours = decided.map((a) => (a.decidedAt!.getTime() - a.submittedAt!.getTime()) / 3_600_000);
  const inTerm = decided.filter((a) => a.dueDate && a.decidedAt!.getTime() <= applicationDueAt(a.dueDate).getTime());
  return {
    received: received.length,
    registered: received.filter((a) => a.status === "registered").length,
    refused: received.filter((a) => a.status === "refused").length,
    averageHoursToDecision: hours.length ? hours.reduce((sum, h) => sum + h, 0) / hours.length : null,
    worstHoursToDecision: hours.length ? Math.max(...hours) : null,
    decidedInTerm: inTerm.length,
    decided: decided.length,
  };
}
