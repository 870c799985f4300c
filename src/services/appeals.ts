// Use cases of appeals (обращение): filing (never refused at receipt), the
// receipt, withdrawal before a decision, and the refusal by silence when the
// term passes.
import { createApplicantRepository } from "../db/applicants.ts";
import { type AppealChangeDetails, createAppealRepository, type StoredAppeal } from "../db/appeals.ts";
import { createApplicationRepository } from "../db/applications.ts";
import type { PrismaClient } from "../db/generated/client.ts";
import { createReminderRepository } from "../db/reminders.ts";
import { type Actor, createAuditLog } from "../db/audit.ts";
import {
  type Addressee,
  type AppealContent,
  type AppealRequirement,
  appealDue,
  appealSchema,
  type AppealStatus,
  canRefer,
  checkExtension,
  isAppealOpen,
  isRefusedBySilence,
} from "../domain/appeal.ts";
import { previousWorkingDay } from "../domain/calendar.ts";
import { addDays, almatyDate, almatyInstant, type IsoDate } from "../domain/dates.ts";
import { appealFixDue } from "../domain/deadlines.ts";
import { complaintWindowReminders } from "./complaint-window.ts";

/** Who receives appeals for the service provider, as the receipt names them. */
export type AppealReceiver = { name: string; position: string };

export type AppealService = ReturnType<typeof createAppealService>;

export type AppealChange =
  | { kind: "changed"; appeal: StoredAppeal; chatId: number }
  | { kind: "not_allowed"; appeal: StoredAppeal }
  | { kind: "not_found" };

const OPEN_STATUSES: AppealStatus[] = ["received", "non_compliant", "extended"];

export function createAppealService(deps: { prisma: PrismaClient; receiver: AppealReceiver }) {
  const appeals = createAppealRepository(deps.prisma);
  const applicants = createApplicantRepository(deps.prisma);

  /** One state change: atomic, audited, and told to the applicant through the outbox. */
  async function change(
    appealId: string,
    operator: Actor,
    now: Date,
    to: AppealStatus,
    details: AppealChangeDetails,
    from: AppealStatus[] = OPEN_STATUSES,
    options: { notifyApplicant: boolean } = { notifyApplicant: true },
  ): Promise<AppealChange> {
    return deps.prisma.$transaction(async (tx) => {
      const txAppeals = createAppealRepository(tx as PrismaClient);
      const before = await txAppeals.findById(appealId);
      if (!before) return { kind: "not_found" as const };
      if (!(await txAppeals.changeStatus(appealId, from, to, now, details))) return { kind: "not_allowed" as const, appeal: before };
      const after = (await txAppeals.findById(appealId))!;
      await createAuditLog(tx as PrismaClient).record({
        at: now,
        actor: operator,
        action: `appeal.${to}`,
        subjectType: "appeal",
        subjectId: appealId,
        before: { status: before.status },
        after: { status: to, ...details, content: undefined },
      });
      const applicant = await createApplicantRepository(tx as PrismaClient).findById(after.applicantId);
      if (!applicant) throw new Error(`appeal ${appealId} has no applicant`);
      await createReminderRepository(tx as PrismaClient).schedule([
        ...(options.notifyApplicant
          ? [{ kind: "appeal_changed", dueAt: now, chatId: applicant.chatId, payload: { appealId, status: to }, dedupeKey: `appeal_changed:${appealId}:${to}:${now.getTime()}` }]
          : []),
        ...(to === "refused" ? complaintWindowReminders(`appeal:${after.number}`, after.number, almatyDate(now), applicant.chatId) : []),
      ]);
      return { kind: "changed" as const, appeal: after, chatId: applicant.chatId };
    });
  }

  return {
    /** What is already known of the person, offered instead of typing it again. */
    async known(telegramUserId: number, chatId: number): Promise<{ applicantId: string; fullName?: string; iin?: string; phone?: string }> {
      const applicant = await applicants.ensure(telegramUserId, chatId);
      const latest = (await createApplicationRepository(deps.prisma).listSent(applicant.id))[0];
      const name = latest?.form.fullName;
      return {
        applicantId: applicant.id,
        ...(name ? { fullName: [name.surname, name.givenName, name.patronymic].filter(Boolean).join(" ") } : {}),
        ...(latest?.form.iin ? { iin: latest.form.iin } : {}),
        ...((applicant.phone ?? latest?.form.phone) ? { phone: applicant.phone ?? latest!.form.phone! } : {}),
      };
    },

    /**
     * Files an appeal; it is always received, whatever it lacks (an operator
     * asks to put it right). Once per `filingKey` (one signed conversation):
     * filing again returns the appeal filed first.
     */
    async file(telegramUserId: number, chatId: number, content: AppealContent, receivedAt: Date, signedWithPhone: string, filingKey: string): Promise<StoredAppeal> {
      return deps.prisma.$transaction(async (tx) => {
        const txAppeals = createAppealRepository(tx as PrismaClient);
        const earlier = await txAppeals.findByFilingKey(filingKey);
        if (earlier) return earlier;
        const txApplicants = createApplicantRepository(tx as PrismaClient);
        const applicant = await txApplicants.ensure(telegramUserId, chatId);
        await txApplicants.savePhone(applicant.id, signedWithPhone);
        const receivedDate = almatyDate(receivedAt);
        const year = Number(receivedDate.slice(0, 4));
        const number = `A-${year}-${String(await txAppeals.nextNumber("appeal", year)).padStart(6, "0")}`;
        const dueDate = appealDue({ received: receivedDate });
        const appeal = await txAppeals.create({ number, applicantId: applicant.id, content, receivedAt, receivedDate, dueDate, receiver: deps.receiver }, filingKey);
        // The day after the term: undecided by then, it counts as refused and the person is told.
        await createReminderRepository(tx as PrismaClient).schedule([
          { kind: "appeal_silence", dueAt: almatyInstant(addDays(dueDate, 1), "00:00"), chatId, payload: { appealId: appeal.id }, dedupeKey: `appeal_silence:${appeal.id}` },
        ]);
        return appeal;
      });
    },

    async listFor(telegramUserId: number): Promise<StoredAppeal[]> {
      const applicant = await applicants.findByTelegramId(telegramUserId);
      return applicant ? appeals.listForApplicant(applicant.id) : [];
    },

    /** Withdrawal by the applicant, possible only before a decision; audited like any change. */
    async withdraw(appealId: string, telegramUserId: number, at: Date): Promise<{ result: "withdrawn" | "not_open" | "not_found"; appeal?: StoredAppeal }> {
      const appeal = await appeals.findById(appealId);
      const applicant = await applicants.findByTelegramId(telegramUserId);
      if (!appeal || !applicant || appeal.applicantId !== applicant.id) return { result: "not_found" };
      if (!isAppealOpen(appeal.status)) return { result: "not_open" };
      // The applicant is answered on the spot, not through the outbox.
      const changed = await change(appealId, { id: telegramUserId, name: appeal.content.fullName }, at, "withdrawn", {}, OPEN_STATUSES, { notifyApplicant: false });
      return changed.kind === "changed" ? { result: "withdrawn", appeal: changed.appeal } : { result: "not_open" };
    },

    findById: (id: string) => appeals.findById(id),

    openDueBy: (date: IsoDate) => appeals.openDueBy(date),

    setStaffMessage: (id: string, messageId: number) => appeals.setStaffMessage(id, messageId),

    /** An operator's decision; the applicant is told through the reminder outbox. */
    async decide(appealId: string, operator: Actor, outcome: "satisfied" | "refused", note: string, now: Date): Promise<AppealChange> {
      return change(appealId, operator, now, outcome, { decisionNote: note, decidedByName: operator.name });
    },

    /** Referral to the competent body, possible within 3 working days of receipt. */
    async refer(appealId: string, operator: Actor, body: Addressee, now: Date): Promise<AppealChange> {
      const appeal = await appeals.findById(appealId);
      if (!appeal) return { kind: "not_found" };
      if (!canRefer(appeal.status, appeal.receivedDate, almatyDate(now))) return { kind: "not_allowed", appeal };
      return change(appealId, operator, now, "referred", { referredTo: body, decidedByName: operator.name }, ["received"]);
    },

    /** Extension by a reasoned decision, to at most 2 months after the original due date. */
    async extend(appealId: string, operator: Actor, newDue: IsoDate, reason: string, now: Date): Promise<AppealChange | { kind: "bad_date"; reason: "not_later" | "beyond_limit" }> {
      const appeal = await appeals.findById(appealId);
      if (!appeal) return { kind: "not_found" };
      const check = checkExtension(appeal.receivedDate, newDue);
      if (!check.ok) return { kind: "bad_date", reason: check.reason };
      // Once only, and from "received": the domain allows no other way.
      const result = await change(appealId, operator, now, "extended", { extendedTo: newDue, decisionNote: reason, decidedByName: operator.name }, ["received"]);
      if (result.kind === "changed") {
        // The silence now comes the day after the new term.
        await createReminderRepository(deps.prisma).schedule([
          { kind: "appeal_silence", dueAt: almatyInstant(addDays(newDue, 1), "00:00"), chatId: result.chatId, payload: { appealId }, dedupeKey: `appeal_silence:${appealId}:${newDue}` },
        ]);
      }
      return result;
    },

    /**
     * An operator marks what the appeal lacks (APPC art. 63) and gives time
     * to put it right; the applicant is told what and by when, and reminded
     * the working day before and on the day.
     */
    async markNonCompliant(appealId: string, operator: Actor, missing: AppealRequirement[], now: Date, workingDays?: number): Promise<AppealChange> {
      // The term keeps running: putting right cannot go past it.
      const appeal = await appeals.findById(appealId);
      if (!appeal) return { kind: "not_found" };
      const due = appeal.extendedTo ?? appeal.dueDate;
      const asked = appealFixDue(almatyDate(now), workingDays);
      const fixBy = asked < due ? asked : due;
      const result = await change(appealId, operator, now, "non_compliant", { missing, fixBy, decidedByName: operator.name }, ["received", "extended"]);
      if (result.kind !== "changed") return result;
      const dayBefore = previousWorkingDay(fixBy);
      await createReminderRepository(deps.prisma).schedule(
        [dayBefore, fixBy].map((date) => ({
          kind: "appeal_fix_by",
          dueAt: almatyInstant(date, "09:00"),
          chatId: result.chatId,
          payload: { appealId, fixBy },
          dedupeKey: `appeal_fix_by:${appealId}:${fixBy}:${date}`,
        })),
      );
      return result;
    },

    /** The applicant's corrected appeal: received again, to be decided in its term. */
    async putRight(appealId: string, telegramUserId: number, content: AppealContent, now: Date): Promise<AppealChange> {
      const appeal = await appeals.findById(appealId);
      const applicant = await applicants.findByTelegramId(telegramUserId);
      if (!appeal || !applicant || appeal.applicantId !== applicant.id) return { kind: "not_found" };
      // Put right already by an earlier handling of the same signature.
      if (appeal.status === "received" && JSON.stringify(appeal.content) === JSON.stringify(appealSchema.parse(content))) {
        return { kind: "changed", appeal, chatId: applicant.chatId };
      }
      return change(appealId, { id: telegramUserId, name: content.fullName }, now, "received", { content, missing: [], fixBy: null }, ["non_compliant"]);
    },

    /** Records the refusal by silence if the term passed undecided; the appeal when it did. */
    async refuseBySilence(appealId: string, now: Date): Promise<StoredAppeal | undefined> {
      const appeal = await appeals.findById(appealId);
      if (!appeal) return undefined;
      // Already recorded by an earlier try whose message did not go out: say it now.
      if (appeal.status === "refused_by_silence") return appeal;
      const terms = { received: appeal.receivedDate, ...(appeal.extendedTo ? { extendedTo: appeal.extendedTo } : {}) };
      if (!isRefusedBySilence(appeal.status, terms, almatyDate(now))) return undefined;
      if (!(await appeals.changeStatus(appealId, OPEN_STATUSES, "refused_by_silence", now))) return undefined;
      const applicant = await applicants.findById(appeal.applicantId);
      if (applicant) await createReminderRepository(deps.prisma).schedule(complaintWindowReminders(`appeal:${appeal.number}`, appeal.number, almatyDate(now), applicant.chatId));
      return appeal;
    },
  };
}
