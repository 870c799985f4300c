// Use cases of appeals (обращение): filing (never refused at receipt), the
// receipt, withdrawal before a decision, the operators' decisions, putting an
// appeal right, and the refusal by silence when the term passes.
import type { AppealChangeDetails } from "../db/appeals.ts";
import type { Repositories } from "../db/repositories.ts";
import type { UnitOfWork } from "../db/unit-of-work.ts";
import type { Actor } from "../domain/actor.ts";
import {
  type Addressee,
  type Appeal,
  type AppealContent,
  type AppealRequirement,
  type AppealStatus,
  appealDue,
  appealSchema,
  canRefer,
  checkExtension,
  isAppealOpen,
  isRefusedBySilence,
} from "../domain/appeal.ts";
import { previousWorkingDay } from "../domain/calendar.ts";
import { almatyDate, almatyInstant, compareIsoDates, type IsoDate } from "../domain/dates.ts";
import { appealFixDue } from "../domain/deadlines.ts";
import { type AuditedChange, auditedChange } from "./audited-change.ts";
import { complaintWindowReminders } from "./complaint-window.ts";
import type { NewReminder } from "./reminder-messages.ts";
import { scheduleReminders } from "./reminders.ts";
import { silenceAfter } from "./silence-reminder.ts";

/** Who receives appeals for the service provider, as the receipt names them. */
export type AppealReceiver = { name: string; position: string };

export type AppealService = ReturnType<typeof createAppealService>;

export type AppealChange =
  | { kind: "changed"; appeal: Appeal; chatId: number }
  | { kind: "not_allowed"; appeal: Appeal }
  | { kind: "not_found" };

/** An extension may also be refused for its date. */
export type AppealExtension = AppealChange | { kind: "bad_date"; reason: "not_later" | "beyond_limit" };

const OPEN_STATUSES: AppealStatus[] = ["received", "non_compliant", "extended"];

type ChangeSpec = {
  to: AppealStatus;
  from?: AppealStatus[];
  details?: AppealChangeDetails;
  /** The applicant is told through the outbox (not when they made the change themselves). */
  notify?: boolean;
  /** Further reminders the change brings (the moved silence, fix-by dates). */
  reminders?: (appeal: Appeal, chatId: number) => NewReminder[];
};

function appealChange(now: Date, spec: ChangeSpec): AuditedChange<Appeal> {
  const { to, from = OPEN_STATUSES, details = {}, notify = true } = spec;
  return {
    subjectType: "appeal",
    action: `appeal.${to}`,
    find: (repos, id) => repos.appeals.findById(id),
    claim: (repos, before) => repos.appeals.changeStatus(before.id, from, to, now, details),
    // The content is personal data: the trail keeps what was decided, not what was written.
    record: (before) => ({ before: { status: before.status }, after: { status: to, ...details, content: undefined } }),
    async follow(repos, after, applicant) {
      await scheduleReminders(repos, [
        ...(notify
          ? [
              {
                kind: "appeal_changed" as const,
                dueAt: now,
                chatId: applicant.chatId,
                payload: { appealId: after.id, status: to },
                dedupeKey: `appeal_changed:${after.id}:${to}:${now.getTime()}`,
              },
            ]
          : []),
        ...(to === "refused"
          ? complaintWindowReminders(`appeal:${after.number}`, after.number, almatyDate(now), applicant.chatId)
          : []),
        ...(spec.reminders?.(after, applicant.chatId) ?? []),
      ]);
    },
  };
}

/** A signed appeal to file; `filingKey` names the signed conversation it comes from. */
export type AppealFiling = {
  telegramUserId: number;
  chatId: number;
  content: AppealContent;
  receivedAt: Date;
  signedWithPhone: string;
  filingKey: string;
};

/**
 * Files an appeal inside the caller's transaction (the bot stores it with the
 * turn that shows its receipt). Once per filing key: filing again returns the
 * appeal filed first, with its number.
 */
export async function fileAppeal(repos: Repositories, receiver: AppealReceiver, filing: AppealFiling): Promise<Appeal> {
  const { telegramUserId, chatId, content, receivedAt, signedWithPhone, filingKey } = filing;
  const earlier = await repos.appeals.findByFilingKey(filingKey);
  if (earlier) return earlier;
  const applicant = await repos.applicants.ensure(telegramUserId, chatId);
  await repos.applicants.savePhone(applicant.id, signedWithPhone);
  const receivedDate = almatyDate(receivedAt);
  const number = await nextNumber(repos, "appeal", "A", receivedDate);
  const dueDate = appealDue({ received: receivedDate });
  const appeal = await repos.appeals.create(
    { number, applicantId: applicant.id, content, receivedAt, receivedDate, dueDate, receiver },
    filingKey,
  );
  await scheduleReminders(repos, [silenceAfter({ kind: "appeal", id: appeal.id }, dueDate, chatId)]);
  return appeal;
}

export function createAppealService(db: UnitOfWork, receiver: AppealReceiver) {
  const { appeals, applicants, applications } = db.repos;

  /** One state change: atomic, audited, and told to the applicant through the outbox. */
  async function change(appealId: string, actor: Actor, now: Date, spec: ChangeSpec): Promise<AppealChange> {
    const outcome = await db.transaction((repos) =>
      auditedChange(repos, appealId, actor, now, appealChange(now, spec)),
    );
    if (outcome.kind === "not_found") return outcome;
    if (outcome.kind === "not_allowed") return { kind: "not_allowed", appeal: outcome.current };
    return { kind: "changed", appeal: outcome.after, chatId: outcome.applicant.chatId };
  }

  return {
    /** What is already known of the person, offered instead of typing it again. */
    async known(
      telegramUserId: number,
      chatId: number,
    ): Promise<{ applicantId: string; fullName?: string; iin?: string; phone?: string }> {
      const applicant = await applicants.ensure(telegramUserId, chatId);
      const latest = (await applications.listSent(applicant.id))[0];
      const name = latest?.form.fullName;
      const phone = applicant.phone ?? latest?.form.phone;
      return {
        applicantId: applicant.id,
        ...(name ? { fullName: [name.surname, name.givenName, name.patronymic].filter(Boolean).join(" ") } : {}),
        ...(latest?.form.iin ? { iin: latest.form.iin } : {}),
        ...(phone ? { phone } : {}),
      };
    },

    /**
     * Files an appeal; it is always received, whatever it lacks (an operator
     * asks to put it right). Once per `filingKey` (one signed conversation):
     * filing again returns the appeal filed first.
     */
    file: (
      telegramUserId: number,
      chatId: number,
      content: AppealContent,
      receivedAt: Date,
      signedWithPhone: string,
      filingKey: string,
    ): Promise<Appeal> =>
      db.transaction((repos) =>
        fileAppeal(repos, receiver, { telegramUserId, chatId, content, receivedAt, signedWithPhone, filingKey }),
      ),

    async listFor(telegramUserId: number): Promise<Appeal[]> {
      const applicant = await applicants.findByTelegramId(telegramUserId);
      return applicant ? appeals.listForApplicant(applicant.id) : [];
    },

    /** Withdrawal by the applicant, possible only before a decision; audited like any change. */
    async withdraw(
      appealId: string,
      telegramUserId: number,
      at: Date,
    ): Promise<{ result: "withdrawn" | "not_open" | "not_found"; appeal?: Appeal }> {
      const appeal = await appeals.findById(appealId);
      const applicant = await applicants.findByTelegramId(telegramUserId);
      if (!appeal || !applicant || appeal.applicantId !== applicant.id) return { result: "not_found" };
      if (!isAppealOpen(appeal.status)) return { result: "not_open" };
      // The applicant is answered on the spot, not through the outbox.
      const changed = await change(appealId, { id: telegramUserId, name: appeal.content.fullName }, at, {
        to: "withdrawn",
        notify: false,
      });
      return changed.kind === "changed" ? { result: "withdrawn", appeal: changed.appeal } : { result: "not_open" };
    },

    findById: (id: string) => appeals.findById(id),

    openDueBy: (date: IsoDate) => appeals.openDueBy(date),

    /** An operator's decision; the applicant is told through the reminder outbox. */
    decide: (
      appealId: string,
      operator: Actor,
      outcome: "satisfied" | "refused",
      note: string,
      now: Date,
    ): Promise<AppealChange> =>
      change(appealId, operator, now, { to: outcome, details: { decisionNote: note, decidedByName: operator.name } }),

    /** Referral to the competent body, possible within 3 working days of receipt. */
    async refer(appealId: string, operator: Actor, body: Addressee, now: Date): Promise<AppealChange> {
      const appeal = await appeals.findById(appealId);
      if (!appeal) return { kind: "not_found" };
      if (!canRefer(appeal.status, appeal.receivedDate, almatyDate(now))) return { kind: "not_allowed", appeal };
      return change(appealId, operator, now, {
        to: "referred",
        from: ["received"],
        details: { referredTo: body, decidedByName: operator.name },
      });
    },

    /** Extension by a reasoned decision, to at most 2 months after the original due date; the silence moves with it. */
    async extend(
      appealId: string,
      operator: Actor,
      newDue: IsoDate,
      reason: string,
      now: Date,
    ): Promise<AppealExtension> {
      const appeal = await appeals.findById(appealId);
      if (!appeal) return { kind: "not_found" };
      const check = checkExtension(appeal.receivedDate, newDue);
      if (!check.ok) return { kind: "bad_date", reason: check.reason };
      // Once only, and from "received": the domain allows no other way.
      return change(appealId, operator, now, {
        to: "extended",
        from: ["received"],
        details: { extendedTo: newDue, decisionNote: reason, decidedByName: operator.name },
        reminders: (after, chatId) => [silenceAfter({ kind: "appeal", id: after.id }, newDue, chatId)],
      });
    },

    /**
     * An operator marks what the appeal lacks (APPC art. 63) and gives time
     * to put it right; the applicant is told what and by when, and reminded
     * the working day before and on the day. The term keeps running: putting
     * right cannot go past it.
     */
    async markNonCompliant(
      appealId: string,
      operator: Actor,
      missing: AppealRequirement[],
      now: Date,
      workingDays?: number,
    ): Promise<AppealChange> {
      const appeal = await appeals.findById(appealId);
      if (!appeal) return { kind: "not_found" };
      const due = appeal.extendedTo ?? appeal.dueDate;
      const asked = appealFixDue(almatyDate(now), workingDays);
      // Putting right cannot outrun the term.
      const fixBy = compareIsoDates(asked, due) < 0 ? asked : due;
      return change(appealId, operator, now, {
        to: "non_compliant",
        from: ["received", "extended"],
        details: { missing, fixBy, decidedByName: operator.name },
        reminders: (after, chatId) =>
          [previousWorkingDay(fixBy), fixBy].map((date) => ({
            kind: "appeal_fix_by" as const,
            dueAt: almatyInstant(date, "09:00"),
            chatId,
            payload: { appealId: after.id, fixBy },
            dedupeKey: `appeal_fix_by:${after.id}:${fixBy}:${date}`,
          })),
      });
    },

    /** The applicant's corrected appeal: received again, to be decided in its term. */
    async putRight(appealId: string, telegramUserId: number, content: AppealContent, now: Date): Promise<AppealChange> {
      const appeal = await appeals.findById(appealId);
      const applicant = await applicants.findByTelegramId(telegramUserId);
      if (!appeal || !applicant || appeal.applicantId !== applicant.id) return { kind: "not_found" };
      // Put right already by an earlier handling of the same signature.
      if (
        appeal.status === "received" &&
        JSON.stringify(appeal.content) === JSON.stringify(appealSchema.parse(content))
      ) {
        return { kind: "changed", appeal, chatId: applicant.chatId };
      }
      return change(appealId, { id: telegramUserId, name: content.fullName }, now, {
        to: "received",
        from: ["non_compliant"],
        details: { content, missing: [], fixBy: null },
      });
    },

    /**
     * Records the refusal by silence if the term passed undecided, and opens
     * the complaint window; the appeal when it did (also when an earlier try
     * recorded it but its message did not go out).
     */
    async refuseBySilence(appealId: string, now: Date): Promise<Appeal | undefined> {
      const appeal = await appeals.findById(appealId);
      if (!appeal) return undefined;
      if (appeal.status === "refused_by_silence") return appeal;
      const terms = { received: appeal.receivedDate, ...(appeal.extendedTo ? { extendedTo: appeal.extendedTo } : {}) };
      if (!isRefusedBySilence(appeal.status, terms, almatyDate(now))) return undefined;
      return db.transaction(async (repos) => {
        if (!(await repos.appeals.changeStatus(appealId, OPEN_STATUSES, "refused_by_silence", now))) return undefined;
        const applicant = await repos.applicants.findById(appeal.applicantId);
        if (applicant)
          await scheduleReminders(
            repos,
            complaintWindowReminders(`appeal:${appeal.number}`, appeal.number, almatyDate(now), applicant.chatId),
          );
        return appeal;
      });
    },
  };
}

/** The next number of a series in the year of `date`: "A-2026-000001". */
export async function nextNumber(repos: Repositories, series: string, prefix: string, date: IsoDate): Promise<string> {
  const year = Number(date.slice(0, 4));
  return `${prefix}-${year}-${String(await repos.appeals.nextNumber(series, year)).padStart(6, "0")}`;
}
