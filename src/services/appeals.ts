// Use cases of appeals (обращение): filing (never refused at receipt), the
// receipt, withdrawal before a decision, and the refusal by silence when the
// term passes.
import { createApplicantRepository } from "../db/applicants.ts";
import { createAppealRepository, type StoredAppeal } from "../db/appeals.ts";
import { createApplicationRepository } from "../db/applications.ts";
import type { PrismaClient } from "../db/generated/client.ts";
import { createReminderRepository } from "../db/reminders.ts";
import { type AppealContent, appealDue, type AppealStatus, isAppealOpen, isRefusedBySilence } from "../domain/appeal.ts";
import { addDays, almatyDate, almatyInstant } from "../domain/dates.ts";

/** Who receives appeals for the service provider, as the receipt names them. */
export type AppealReceiver = { name: string; position: string };

export type AppealService = ReturnType<typeof createAppealService>;

const OPEN_STATUSES: AppealStatus[] = ["received", "non_compliant", "extended"];

export function createAppealService(deps: { prisma: PrismaClient; receiver: AppealReceiver }) {
  const appeals = createAppealRepository(deps.prisma);
  const applicants = createApplicantRepository(deps.prisma);

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
        ...(latest?.form.phone ? { phone: latest.form.phone } : {}),
      };
    },

    /** Files an appeal; it is always received, whatever it lacks (an operator asks to put it right). */
    async file(telegramUserId: number, chatId: number, content: AppealContent, receivedAt: Date): Promise<StoredAppeal> {
      return deps.prisma.$transaction(async (tx) => {
        const txAppeals = createAppealRepository(tx as PrismaClient);
        const applicant = await createApplicantRepository(tx as PrismaClient).ensure(telegramUserId, chatId);
        const receivedDate = almatyDate(receivedAt);
        const year = Number(receivedDate.slice(0, 4));
        const number = `A-${year}-${String(await txAppeals.nextNumber("appeal", year)).padStart(6, "0")}`;
        const dueDate = appealDue({ received: receivedDate });
        const appeal = await txAppeals.create({ number, applicantId: applicant.id, content, receivedAt, receivedDate, dueDate, receiver: deps.receiver });
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

    /** Withdrawal by the applicant, possible only before a decision. */
    async withdraw(appealId: string, telegramUserId: number, at: Date): Promise<"withdrawn" | "not_open" | "not_found"> {
      const appeal = await appeals.findById(appealId);
      const applicant = await applicants.findByTelegramId(telegramUserId);
      if (!appeal || !applicant || appeal.applicantId !== applicant.id) return "not_found";
      if (!isAppealOpen(appeal.status)) return "not_open";
      return (await appeals.changeStatus(appealId, OPEN_STATUSES, "withdrawn", at)) ? "withdrawn" : "not_open";
    },

    /** Records the refusal by silence if the term passed undecided; the appeal when it did. */
    async refuseBySilence(appealId: string, now: Date): Promise<StoredAppeal | undefined> {
      const appeal = await appeals.findById(appealId);
      if (!appeal) return undefined;
      const terms = { received: appeal.receivedDate, ...(appeal.extendedTo ? { extendedTo: appeal.extendedTo } : {}) };
      if (!isRefusedBySilence(appeal.status, terms, almatyDate(now))) return undefined;
      if (!(await appeals.changeStatus(appealId, OPEN_STATUSES, "refused_by_silence", now))) return undefined;
      return appeal;
    },
  };
}
