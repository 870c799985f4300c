// Use cases of the staff chat that only read: the queue of open items, the
// record of one applicant, statistics and the export.
import type { UnitOfWork } from "../db/unit-of-work.ts";
import type { Actor } from "../domain/actor.ts";
import type { Application } from "../domain/application.ts";
import { addDays, almatyDate, almatyInstant, dayOfWeek, type IsoDate } from "../domain/dates.ts";
import { applicationDueAt } from "../domain/deadlines.ts";
import { parseIin } from "../domain/iin.ts";
import { type SupportThread, threadOf } from "./support.ts";

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

/** What was sent to an applicant about their applications. */
export type NotificationView = { kind: string; sentAt: Date };

export type ApplicantRecordView = {
  applications: Application[];
  notifications: NotificationView[];
};

export type StaffRecords = ReturnType<typeof createStaffRecords>;

export function createStaffRecords(db: UnitOfWork) {
  const { applications, audit, notifications, supportThreads: threads } = db.repos;

  return {
    /** Undecided applications due on or before this date, oldest first. */
    undecidedDueBy: (date: IsoDate) => applications.undecidedDueBy(date),

    async queue(): Promise<{ applications: Application[]; threads: SupportThread[] }> {
      return { applications: await applications.listSubmitted(), threads: (await threads.listOpen()).map(threadOf) };
    },

    /**
     * By IIN (12 digits) or application number (YYYY-NNNNNN); undefined when
     * the query is neither. Audited: it shows personal data.
     */
    async find(query: string, actor: Actor, now: Date): Promise<ApplicantRecordView | undefined> {
      const trimmed = query.trim().replace(/^№\s*/, "");
      let found: Application[];
      if (/^\d{4}-\d{6}$/.test(trimmed)) {
        const one = await applications.findByNumber(trimmed);
        found = one ? await applications.listSent(one.applicantId) : [];
      } else {
        const iin = parseIin(trimmed);
        if (!iin.ok) return undefined;
        found = await applications.listByIin(iin.iin);
      }
      await audit.record({
        at: now,
        actor,
        action: "staff.find",
        subjectType: "staff_chat",
        subjectId: "find",
        after: { found: found.map((a) => a.number) },
      });
      const applicantIds = [...new Set(found.map((a) => a.applicantId))];
      const notes = (await Promise.all(applicantIds.map((id) => notifications.listForApplicant(id)))).flat();
      const sorted = notes.sort((a, b) => b.sentAt.getTime() - a.sentAt.getTime());
      return { applications: found, notifications: sorted.map((note) => ({ kind: note.kind, sentAt: note.sentAt })) };
    },

    async stats(now: Date): Promise<Stats> {
      const today = almatyDate(now);
      const monthStart = `${today.slice(0, 8)}01`;
      const weekStart = addDays(today, -((dayOfWeek(today) + 6) % 7));
      const from = [monthStart, addDays(today, -29), weekStart].sort()[0]!;
      const all = await applications.listSubmittedBetween(
        almatyInstant(from, "00:00"),
        almatyInstant(addDays(today, 1), "00:00"),
      );
      const since = (date: IsoDate) => all.filter((a) => almatyDate(a.submittedAt!) >= date);
      const days = Array.from({ length: 30 }, (_, i) => addDays(today, i - 29)).map((date) => ({
        date,
        received: all.filter((a) => almatyDate(a.submittedAt!) === date).length,
        decided: all.filter((a) => a.decidedAt && almatyDate(a.decidedAt) === date).length,
      }));
      return {
        today: periodStats(since(today)),
        week: periodStats(since(weekStart)),
        month: periodStats(since(monthStart)),
        days,
      };
    },

    /** Applications received in [from, to]; audited, as it hands out personal data. */
    async export(from: IsoDate, to: IsoDate, actor: Actor, now: Date): Promise<Application[]> {
      const rows = await applications.listSubmittedBetween(
        almatyInstant(from, "00:00"),
        almatyInstant(addDays(to, 1), "00:00"),
      );
      await audit.record({
        at: now,
        actor,
        action: "staff.export",
        subjectType: "staff_chat",
        subjectId: "export",
        after: { from, to, rows: rows.length },
      });
      return rows;
    },
  };
}

function periodStats(received: Application[]): PeriodStats {
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
