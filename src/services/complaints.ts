// Use cases of complaints: filing (a late one is still received and waits for
// the body to renew the term), decisions, renewal, and the applicant told of
// each through the reminder outbox.
import { createAppealRepository } from "../db/appeals.ts";
import { createApplicantRepository } from "../db/applicants.ts";
import { createApplicationRepository } from "../db/applications.ts";
import { type Actor, createAuditLog } from "../db/audit.ts";
import { createComplaintRepository, type StoredComplaint } from "../db/complaints.ts";
import type { PrismaClient } from "../db/generated/client.ts";
import { createReminderRepository } from "../db/reminders.ts";
import { complaintDue, type ComplaintStatus, initialComplaintStatus } from "../domain/complaint.ts";
import { addDays, almatyDate, almatyInstant, type IsoDate } from "../domain/dates.ts";

export type ComplaintSubject = { key: string; number: string; kind: "application" | "appeal"; decidedAt: Date | null };

export type ComplaintChange = { kind: "changed"; complaint: StoredComplaint } | { kind: "not_allowed"; complaint: StoredComplaint } | { kind: "not_found" };

export type ComplaintService = ReturnType<typeof createComplaintService>;

/** The day after the term: undecided by then, the complaint counts as refused and the person is told. */
async function scheduleSilence(prisma: PrismaClient, complaintId: string, dueDate: IsoDate, chatId: number): Promise<void> {
  await createReminderRepository(prisma).schedule([
    { kind: "complaint_silence", dueAt: almatyInstant(addDays(dueDate, 1), "00:00"), chatId, payload: { complaintId }, dedupeKey: `complaint_silence:${complaintId}:${dueDate}` },
  ]);
}

export function createComplaintService(prisma: PrismaClient) {
  const complaints = createComplaintRepository(prisma);
  const applicants = createApplicantRepository(prisma);

  async function change(id: string, operator: Actor, now: Date, from: ComplaintStatus[], to: ComplaintStatus, details: { decisionNote?: string; dueDate?: string }): Promise<ComplaintChange> {
    return prisma.$transaction(async (tx) => {
      const txComplaints = createComplaintRepository(tx as PrismaClient);
      const before = await txComplaints.findById(id);
      if (!before) return { kind: "not_found" as const };
      if (!(await txComplaints.changeStatus(id, from, to, now, { ...details, decidedByName: operator.name }))) return { kind: "not_allowed" as const, complaint: before };
      const after = (await txComplaints.findById(id))!;
      await createAuditLog(tx as PrismaClient).record({ at: now, actor: operator, action: `complaint.${to}`, subjectType: "complaint", subjectId: id, before: { status: before.status }, after: { status: to, ...details } });
      const applicant = await createApplicantRepository(tx as PrismaClient).findById(after.applicantId);
      await createReminderRepository(tx as PrismaClient).schedule([
        { kind: "complaint_changed", dueAt: now, chatId: applicant!.chatId, payload: { complaintId: id, status: to }, dedupeKey: `complaint_changed:${id}:${to}` },
      ]);
      return { kind: "changed" as const, complaint: after };
    });
  }

  return {
    /** The person's decided applications and appeals: what a complaint is most often about. */
    async subjects(telegramUserId: number): Promise<ComplaintSubject[]> {
      const applicant = await applicants.findByTelegramId(telegramUserId);
      if (!applicant) return [];
      const applications = (await createApplicationRepository(prisma).listSent(applicant.id)).filter((a) => a.number);
      const appeals = await createAppealRepository(prisma).listForApplicant(applicant.id);
      return [
        ...applications.map((a) => ({ key: `application:${a.number}`, number: a.number!, kind: "application" as const, decidedAt: a.decidedAt })),
        ...appeals.map((a) => ({ key: `appeal:${a.number}`, number: a.number, kind: "appeal" as const, decidedAt: null })),
      ].slice(0, 6);
    },

    /**
     * Always received; a late one waits for the body's decision on renewing
     * the term. Once per `filingKey` (one signed conversation).
     */
    async file(
      telegramUserId: number,
      chatId: number,
      complaint: { subject: string; learnedDate: IsoDate; lateReason: string | null; essence: string },
      receivedAt: Date,
      filingKey: string,
    ): Promise<StoredComplaint> {
      return prisma.$transaction(async (tx) => {
        const earlier = await createComplaintRepository(tx as PrismaClient).findByFilingKey(filingKey);
        if (earlier) return earlier;
        const applicant = await createApplicantRepository(tx as PrismaClient).ensure(telegramUserId, chatId);
        const receivedDate = almatyDate(receivedAt);
        const year = Number(receivedDate.slice(0, 4));
        const number = `C-${year}-${String(await createAppealRepository(tx as PrismaClient).nextNumber("complaint", year)).padStart(6, "0")}`;
        const created = await createComplaintRepository(tx as PrismaClient).create({
          number,
          applicantId: applicant.id,
          status: initialComplaintStatus(complaint.learnedDate, receivedDate),
          subject: complaint.subject,
          learnedDate: complaint.learnedDate,
          lateReason: complaint.lateReason,
          essence: complaint.essence,
          receivedAt,
          receivedDate,
          dueDate: complaintDue(receivedDate),
          filingKey,
        });
        // The 5 working days run from receipt, for a late complaint too.
        await scheduleSilence(tx as PrismaClient, created.id, created.dueDate, chatId);
        return created;
      });
    },

    findById: (id: string) => complaints.findById(id),

    openDueBy: (date: IsoDate) => complaints.openDueBy(date),

    async hasComplaintAbout(telegramUserId: number, subject: string): Promise<boolean> {
      const applicant = await applicants.findByTelegramId(telegramUserId);
      if (!applicant) return false;
      return (await complaints.listForApplicant(applicant.id)).some((complaint) => complaint.subject === subject);
    },
    setStaffMessage: (id: string, messageId: number) => complaints.setStaffMessage(id, messageId),

    async listFor(telegramUserId: number): Promise<StoredComplaint[]> {
      const applicant = await applicants.findByTelegramId(telegramUserId);
      return applicant ? complaints.listForApplicant(applicant.id) : [];
    },

    /** The body renews the missed term; the complaint is then considered within its term from receipt. */
    renew: (id: string, operator: Actor, now: Date) => change(id, operator, now, ["awaiting_renewal"], "received", {}),

    /** Undecided after its term: refused by silence; the person may go to court. */
    async refuseBySilence(id: string, now: Date): Promise<StoredComplaint | undefined> {
      const complaint = await complaints.findById(id);
      if (!complaint) return undefined;
      // Already recorded by an earlier try whose message did not go out: say it now.
      if (complaint.status === "refused_by_silence") return complaint;
      if (almatyDate(now) <= complaint.dueDate) return undefined;
      if (!(await complaints.changeStatus(id, ["received", "awaiting_renewal"], "refused_by_silence", now, {}))) return undefined;
      return complaint;
    },

    refuseRenewal: (id: string, operator: Actor, note: string, now: Date) => change(id, operator, now, ["awaiting_renewal"], "renewal_refused", { decisionNote: note }),

    decide: (id: string, operator: Actor, outcome: "satisfied" | "refused", note: string, now: Date) => change(id, operator, now, ["received"], outcome, { decisionNote: note }),
  };
}
