// Use cases of the staff chat that only read: the queue of open items, the
// record of one person (applications, appeals, complaints), statistics and
// the export.
import type { QueueRows } from "../db/staff-queue.ts";
import type { UnitOfWork } from "../db/unit-of-work.ts";
import type { Actor } from "../domain/actor.ts";
import type { Appeal } from "../domain/appeal.ts";
import type { Application } from "../domain/application.ts";
import type { Complaint } from "../domain/complaint.ts";
import { addDays, almatyDate, almatyInstant, dayOfWeek, type IsoDate } from "../domain/dates.ts";
import { applicationDueAt } from "../domain/deadlines.ts";
import { parseIin } from "../domain/iin.ts";
import type { Language } from "../domain/language.ts";

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

/** What was sent to an applicant about one of their applications. */
export type NotificationView = { kind: string; number: string | null; sentAt: Date };

export type ApplicantRecordView = {
  applications: Application[];
  appeals: Appeal[];
  complaints: Complaint[];
  notifications: NotificationView[];
};

/** What is still before the body, oldest first: only what a line of the queue shows. */
export type StaffQueue = QueueRows;

/** What /find looks for: an IIN, or the number of an application (2026-000001), appeal (A-…) or complaint (C-…). */
export type FindQuery = { kind: "iin"; iin: string } | { kind: "application" | "appeal" | "complaint"; number: string };

/** The query, or undefined when it is none of these. */
export function parseFindQuery(query: string): FindQuery | undefined {
  // Operators type on a Cyrillic layout too: А and С look like A and C.
  const trimmed = query.trim().replace(/^№\s*/, "").toUpperCase().replace(/^А-/, "A-").replace(/^С-/, "C-");
  if (/^\d{4}-\d{6}$/.test(trimmed)) return { kind: "application", number: trimmed };
  if (/^A-\d{4}-\d{6}$/.test(trimmed)) return { kind: "appeal", number: trimmed };
  if (/^C-\d{4}-\d{6}$/.test(trimmed)) return { kind: "complaint", number: trimmed };
  const iin = parseIin(trimmed);
  return iin.ok ? { kind: "iin", iin: iin.iin } : undefined;
}

export type StaffRecords = ReturnType<typeof createStaffRecords>;

export function createStaffRecords(db: UnitOfWork) {
  const { applicants, applications, appeals, complaints, audit, notifications, staffQueue } = db.repos;

  /** Everything filed from one account: what a number leads to. */
  const filedFrom = async (applicantId: string | undefined) =>
    applicantId === undefined
      ? { applications: [], appeals: [], complaints: [] }
      : {
          applications: await applications.listSent(applicantId),
          appeals: await appeals.listForApplicant(applicantId),
          complaints: await complaints.listForApplicant(applicantId),
        };

  const lookUp = async (query: FindQuery) => {
    switch (query.kind) {
      case "iin":
        return {
          applications: await applications.listByIin(query.iin),
          appeals: await appeals.listByIin(query.iin),
          complaints: await complaints.listByIin(query.iin),
        };
      case "application":
        return filedFrom((await applications.findByNumber(query.number))?.applicantId);
      case "appeal":
        return filedFrom((await appeals.findByNumber(query.number))?.applicantId);
      case "complaint":
        return filedFrom((await complaints.findByNumber(query.number))?.applicantId);
    }
  };

  return {
    /** The language the applicant uses the bot in: the one an operator's words reach them in, untranslated. */
    async languageOf(applicantId: string): Promise<Language> {
      return (await applicants.findById(applicantId))?.language ?? "ru";
    },

    /** Undecided applications due on or before this date, oldest first. */
    undecidedDueBy: (date: IsoDate) => applications.undecidedDueBy(date),

    queue: (): Promise<StaffQueue> => staffQueue.open(),

    /**
     * The person's applications, appeals and complaints: by IIN those filed
     * with it, by a number everything filed from the same account. Undefined
     * when the query is neither. Audited: it shows personal data.
     */
    async find(query: string, actor: Actor, now: Date): Promise<ApplicantRecordView | undefined> {
      const parsed = parseFindQuery(query);
      if (!parsed) return undefined;
      const found = await lookUp(parsed);
      await audit.record({
        at: now,
        actor,
        action: "staff.find",
        subjectType: "staff_chat",
        subjectId: "find",
        // Numbers only: the trail must not hold the IIN that was looked up.
        after: {
          found: [
            ...found.applications.map((a) => a.number),
            ...found.appeals.map((a) => a.number),
            ...found.complaints.map((c) => c.number),
          ],
        },
      });
      const applicantIds = [...new Set(found.applications.map((a) => a.applicantId))];
      const notes = (await Promise.all(applicantIds.map((id) => notifications.listForApplicant(id)))).flat();
      const sorted = notes.sort((a, b) => b.sentAt.getTime() - a.sentAt.getTime());
      return {
        ...found,
        notifications: sorted.map((note) => ({
          kind: note.kind,
          number: typeof note.payload.number === "string" ? note.payload.number : null,
          sentAt: note.sentAt,
        })),
      };
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
