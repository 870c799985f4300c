// /complaint: who complains (the name, unless an application gave it); against
// an administrative act, action or inaction (one of the person's applications
// or appeals, or in their own words); when they learned of it; the reason if
// the 3-month term has passed (it is received anyway); the essence; signed
// with a one-time password; the receipt explains the term and that a court
// may be approached after the pre-trial complaint.
import { randomUUID } from "node:crypto";
import type { Context } from "grammy";
import { essenceLength } from "../../domain/appeal.ts";
import { type Complaint, isComplaintLate } from "../../domain/complaint.ts";
import { almatyDate, compareIsoDates, isIsoDate } from "../../domain/dates.ts";
import { complaintWindowEnds } from "../../domain/deadlines.ts";
import { formatDate, formatDateTime } from "../../domain/format.ts";
import type { Language } from "../../domain/language.ts";
import type { Services } from "../../services/index.ts";
import type { Translate, Translator } from "../i18n.ts";
import { Asker, type FormConversation, type Parsed } from "../registration/asker.ts";
import { choices } from "../registration/keyboards.ts";
import { parseShortText } from "../registration/parsers.ts";
import type { Outgoing } from "../turn/outgoing.ts";
import { signWithOtp } from "./sign.ts";

export const COMPLAINT_CONVERSATION = "complaint";

/** "15.10.2026" (or "5.10.2026", with / or -): a day that exists and has come. */
function parseDay(text: string, today: string): Parsed<string> {
  const match = /^\s*(\d{1,2})\s*[./-]\s*(\d{1,2})\s*[./-]\s*(\d{4})\s*$/.exec(text);
  if (!match) return { ok: false, error: "complaint.badDate" };
  const iso = `${match[3]}-${match[2]!.padStart(2, "0")}-${match[1]!.padStart(2, "0")}`;
  if (!isIsoDate(iso)) return { ok: false, error: "complaint.noSuchDate" };
  if (compareIsoDates(iso, today) > 0) return { ok: false, error: "complaint.futureDate" };
  return { ok: true, value: iso };
}

export function complaintConversation(deps: {
  services: Services;
  translator: Translator;
  onFiled(complaintId: string): Promise<void>;
}) {
  return async (conversation: FormConversation, ctx: Context, args: { language: Language }): Promise<void> => {
    const t = deps.translator.t(args.language);
    const asker = new Asker(conversation, ctx, t);
    const userId = ctx.from!.id;
    const chatId = ctx.chat!.id;
    const known = await conversation.external(() => deps.services.appeals.known(userId, chatId));
    const subjects = await conversation.external(async () =>
      (await deps.services.complaints.subjects(userId)).map((s) => ({ key: s.key, number: s.number, kind: s.kind })),
    );
    const now = await conversation.external(() => deps.services.clock.now().getTime());
    const today = almatyDate(new Date(now));
    // Names this conversation's filing: handled twice, it files once.
    const filingKey = await conversation.external(() => randomUUID());

    await asker.say(t("complaint.intro"));
    // A complaint names who files it: the name is known from an application, else asked.
    const fullName =
      known.fullName ??
      (await asker.askValue({ id: "cp_name", text: t("appeal.fullName") }, { text: (x) => parseShortText(x, 200, 3) }));
    const subjectAnswer = await asker.ask(
      {
        id: "cp_subject",
        text: t("complaint.subject"),
        reply_markup: choices(
          "cp_subject",
          subjects.map((s, i) => ({ value: `s${i}`, label: t(`complaint.subjectOf.${s.kind}`, { number: s.number }) })),
        ),
      },
      { text: (x) => parseShortText(x, 300), buttons: subjects.length > 0 },
    );
    const subject =
      subjectAnswer.kind === "value" ? subjectAnswer.value : subjects[Number(subjectAnswer.value.slice(1))]!.key;

    const learnedAnswer = await asker.ask(
      {
        id: "cp_learned",
        text: t("complaint.learned"),
        reply_markup: choices("cp_learned", [{ value: "today", label: t("complaint.today") }]),
      },
      { text: (x) => parseDay(x, today), buttons: true },
    );
    const learnedDate = learnedAnswer.kind === "value" ? learnedAnswer.value : today;

    let lateReason: string | null = null;
    if (isComplaintLate(learnedDate, today)) {
      lateReason = await asker.askValue(
        { id: "cp_late", text: t("complaint.late", { ended: formatDate(complaintWindowEnds(learnedDate)) }) },
        { text: (x) => parseShortText(x, 1000) },
      );
    }
    const essence = await asker.askValue(
      { id: "cp_essence", text: t("complaint.essence", essenceLength) },
      { text: (x) => parseShortText(x, essenceLength.max, essenceLength.min) },
    );

    const confirm = await asker.askButton({
      id: "cp_sign",
      text: [
        t("complaint.check", {
          subject: subject.replace(/^(application|appeal):/, "№ "),
          learned: formatDate(learnedDate),
          essence,
        }),
        ...(lateReason ? [t("complaint.checkLateReason", { reason: lateReason })] : []),
      ].join("\n"),
      reply_markup: choices("cp_sign", [
        { value: "sign", label: t("appeal.sign") },
        { value: "cancel", label: t("appeal.cancel") },
      ]),
    });
    if (confirm === "cancel") return void (await asker.say(t("complaint.cancelled")));
    const signed = await signWithOtp(
      { conversation, asker, t, services: deps.services, known },
      "sign_complaint",
      `complaint:${filingKey}`,
      known.iin,
    );

    const signedAt = await conversation.external(() => deps.services.clock.now().getTime());
    // Filed in the transaction that stores the receipt: one never goes without the other.
    await asker.fileWithTurn(
      {
        kind: "complaint",
        telegramUserId: userId,
        chatId,
        complaint: { subject, learnedDate, lateReason, essence, complainant: { fullName, ...signed } },
        receivedAt: new Date(signedAt),
        filingKey,
      },
      (outcome) => (outcome.kind === "complaint" ? [complaintReceipt(t, outcome.complaint)] : []),
      (outcome, afterDelivery) => {
        if (outcome.kind === "complaint") afterDelivery(() => deps.onFiled(outcome.complaint.id));
      },
    );
  };
}

function complaintReceipt(t: Translate, complaint: Complaint): Outgoing {
  const receiptKey = complaint.status === "awaiting_renewal" ? "complaint.receiptLate" : "complaint.receipt";
  return {
    kind: "send",
    text: t(receiptKey, {
      number: complaint.number,
      receivedAt: formatDateTime(complaint.receivedAt),
      dueDate: formatDate(complaint.dueDate),
    }),
  };
}
