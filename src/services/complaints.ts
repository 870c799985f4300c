// Use cases of complaints: filing (a late one is still received and waits for
// the body to renew the term), decisions, renewal, and the applicant told of
// each through the reminder outbox.
import type { Repositories } from "../db/repositories.ts";
import type { UnitOfWork } from "../db/unit-of-work.ts";
import type { Actor } from "../domain/actor.ts";
import {
  type Complainant,
  type Complaint,
  type ComplaintStatus,
  complaintDue,
  initialComplaintStatus,
} from "../domain/complaint.ts";
import { almatyDate, type IsoDate } from "../domain/dates.ts";
import { nextNumber } from "./appeals.ts";
import { auditedChange } from "./audited-change.ts";
import { scheduleReminders } from "./reminders.ts";
import { silenceAfter } from "./silence-reminder.ts";

export type ComplaintSubject = { key: string; number: string; kind: "application" | "appeal"; decidedAt: Date | null };

export type ComplaintChange =
  | { kind: "changed"; complaint: Complaint }
  | { kind: "not_allowed"; complaint: Complaint }
  | { kind: "not_found" };

export type ComplaintService = ReturnType<typeof createComplaintService>;

/** A signed complaint to file; `filingKey` names the signed conversation it comes from. */
export type ComplaintFiling = {
  telegramUserId: number;
  chatId: number;
  complaint: {
    subject: string;
    learnedDate: IsoDate;
    lateReason: string | null;
    essence: string;
    complainant: Complainant;
  };
  receivedAt: Date;
  filingKey: string;
};

/**
 * Files a complaint inside the caller's transaction; it is always received,
 * and a late one waits for the body's decision on renewing the term. Once
 * per filing key: filing again returns the complaint filed first.
 */
export async function fileComplaint(repos: Repositories, filing: ComplaintFiling): Promise<Complaint> {
  const { telegramUserId, chatId, complaint, receivedAt, filingKey } = filing;
  const earlier = await repos.complaints.findByFilingKey(filingKey);
  if (earlier) return earlier;
  const applicant = await repos.applicants.ensure(telegramUserId, chatId);
  const receivedDate = almatyDate(receivedAt);
  const created = await repos.complaints.create(
    {
      number: await nextNumber(repos, "complaint", "C", receivedDate),
      applicantId: applicant.id,
      status: initialComplaintStatus(complaint.learnedDate, receivedDate),
      subject: complaint.subject,
      learnedDate: complaint.learnedDate,
      lateReason: complaint.lateReason,
      essence: complaint.essence,
      complainant: complaint.complainant,
      receivedAt,
      receivedDate,
      dueDate: complaintDue(receivedDate),
    },
    filingKey,
  );
  // The 5 working days run from receipt, for a late complaint too.
  await scheduleReminders(repos, [silenceAfter({ kind: "complaint", id: created.id }, created.dueDate, chatId)]);
  return created;
}

export function createComplaintService(db: UnitOfWork) {
  const { complaints, applicants, applications, appeals } = db.repos;

  /** One state change: atomic, audited, and told to the applicant through the outbox. */
  async function change(
    id: string,
    operator: Actor,
    now: Date,
    from: ComplaintStatus[],
    to: ComplaintStatus,
    details: { decisionNote?: string } = {},
  ): Promise<ComplaintChange> {
    const outcome = await db.transaction((repos) =>
      auditedChange(repos, id, operator, now, {
        subjectType: "complaint",
        action: `complaint.${to}`,
        find: (r, complaintId) => r.complaints.findById(complaintId),
        claim: (r) => r.complaints.changeStatus(id, from, to, now, { ...details, decidedByName: operator.name }),
        record: (before) => ({ before: { status: before.status }, after: { status: to, ...details } }),
        async follow(r, _after, applicant) {
          await scheduleReminders(r, [
            {
              kind: "complaint_changed",
              dueAt: now,
              chatId: applicant.chatId,
              payload: { complaintId: id, status: to },
              dedupeKey: `complaint_changed:${id}:${to}`,
            },
          ]);
        },
      }),
    );
    if (outcome.kind === "not_found") return outcome;
    if (outcome.kind === "not_allowed") return { kind: "not_allowed", complaint: outcome.current };
    return { kind: "changed", complaint: outcome.after };
  }

  return {
    /** The person's decided applications and appeals: what a complaint is most often about. */
    async subjects(telegramUserId: number): Promise<ComplaintSubject[]> {
      const applicant = await applicants.findByTelegramId(telegramUserId);
      if (!applicant) return [];
      const sent = (await applications.listSent(applicant.id)).filter((a) => a.number);
      const filed = await appeals.listForApplicant(applicant.id);
      return [
        ...sent.map((a) => ({
          key: `application:${a.number}`,
          number: a.number!,
          kind: "application" as const,
          decidedAt: a.decidedAt,
        })),
        ...filed.map((a) => ({
          key: `appeal:${a.number}`,
          number: a.number,
          kind: "appeal" as const,
          decidedAt: null,
        })),
      ].slice(0, 6);
    },

    /**
     * Always received; a late one waits for the body's decision on renewing
     * the term. Once per `filingKey` (one signed conversation).
     */
    file: (
      telegramUserId: number,
      chatId: number,
      complaint: ComplaintFiling["complaint"],
      receivedAt: Date,
      filingKey: string,
    ): Promise<Complaint> =>
      db.transaction((repos) => fileComplaint(repos, { telegramUserId, chatId, complaint, receivedAt, filingKey })),

    findById: (id: string) => complaints.findById(id),

    openDueBy: (date: IsoDate) => complaints.openDueBy(date),

    async hasComplaintAbout(telegramUserId: number, subject: string): Promise<boolean> {
      const applicant = await applicants.findByTelegramId(telegramUserId);
      if (!applicant) return false;
      return (await complaints.listForApplicant(applicant.id)).some((complaint) => complaint.subject === subject);
    },

    async listFor(telegramUserId: number): Promise<Complaint[]> {
      const applicant = await applicants.findByTelegramId(telegramUserId);
      return applicant ? complaints.listForApplicant(applicant.id) : [];
    },

    /** The body renews the missed term; the complaint is then considered within its term from receipt. */
    renew: (id: string, operator: Actor, now: Date) => change(id, operator, now, ["awaiting_renewal"], "received"),

    refuseRenewal: (id: string, operator: Actor, note: string, now: Date) =>
      change(id, operator, now, ["awaiting_renewal"], "renewal_refused", { decisionNote: note }),

    decide: (id: string, operator: Actor, outcome: "satisfied" | "refused", note: string, now: Date) =>
      change(id, operator, now, ["received"], outcome, { decisionNote: note }),

    /**
     * Undecided after its term: refused by silence; the person may go to
     * court. The complaint when it was (also when an earlier try recorded it
     * but its message did not go out).
     */
    async refuseBySilence(id: string, now: Date): Promise<Complaint | undefined> {
      const complaint = await complaints.findById(id);
      if (!complaint) return undefined;
      if (complaint.status === "refused_by_silence") return complaint;
      if (almatyDate(now) <= complaint.dueDate) return undefined;
      if (!(await complaints.changeStatus(id, ["received", "awaiting_renewal"], "refused_by_silence", now, {})))
        return undefined;
      return complaint;
    },
  };
}
