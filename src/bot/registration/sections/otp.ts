// Signing with a one-time password sent by SMS to the shared phone, then the
// submission and its receipt.
import { normalizeCode, OTP_LENGTH, OTP_TTL_MS } from "../../../domain/otp.ts";
import type { SendResult } from "../../../services/otp.ts";
import { IinTakenError } from "../../../services/registration.ts";
import { SmsDeliveryError } from "../../../services/sms-gateway.ts";
import { talkToPersonKeyboard } from "../../features/operator.ts";
import { formatDate, formatDateTime, formatPhone } from "../../format.ts";
import type { Question } from "../asker.ts";
import { choices } from "../keyboards.ts";
import type { Section, SectionIO } from "../section.ts";

const question = (io: SectionIO): Question => ({
  id: "otp",
  text: io.t("registration.otp.ask", { phone: formatPhone(io.form.phone ?? ""), length: OTP_LENGTH }),
  reply_markup: choices("otp", [{ value: "resend", label: io.t("registration.otp.resend") }]),
});

export const otpSection: Section = {
  id: "otp",
  firstQuestion: question,
  async arrive(io) {
    await sendCode(io);
  },
  async run(io) {
    for (;;) {
      const answer = await io.asker.ask(question(io), {
        text: (text) => {
          const code = normalizeCode(text);
          return code ? { ok: true, value: code } : { ok: false, error: "registration.otp.format", values: { length: OTP_LENGTH } };
        },
        buttons: true,
      });
      if (answer.kind === "button") {
        await sendCode(io);
        continue;
      }
      const result = await verify(io, answer.value);
      if (result.verdict === "accepted") return submit(io);
      await io.asker.say(io.t(`registration.otp.${result.verdict}`, { triesLeft: result.triesLeft }));
    }
  },
};

async function sendCode(io: SectionIO): Promise<void> {
  const { applicantId } = io;
  const now = await io.conversation.external(() => io.services.clock.now().getTime());
  const minutes = OTP_TTL_MS / 60_000;
  const result = await io.conversation.external(
    async (): Promise<{ ok: true } | Exclude<SendResult, { ok: true }> | { ok: false; reason: "sms_failed" }> => {
      try {
        const sent = await io.services.otp.send({
          applicantId,
          purpose: "sign_application",
          phone: io.form.phone ?? "",
          now: new Date(now),
          text: (code) => io.t("registration.otp.sms", { code, minutes }),
        });
        return sent.ok ? { ok: true as const } : sent;
      } catch (error) {
        // Only the gateway's failure is the person's "try again"; anything else is a fault to report.
        if (error instanceof SmsDeliveryError) return { ok: false as const, reason: "sms_failed" as const };
        throw error;
      }
    },
  );
  if (result.ok) {
    await io.asker.say(io.t("registration.otp.sent", { phone: formatPhone(io.form.phone ?? ""), minutes }));
    return;
  }
  const retryIn = "retryInSeconds" in result ? result.retryInSeconds : 0;
  await io.asker.say(io.t(`registration.otp.${result.reason}`, { seconds: retryIn, minutes: Math.ceil(retryIn / 60) }));
}

async function verify(io: SectionIO, code: string) {
  const { applicantId } = io;
  const now = await io.conversation.external(() => io.services.clock.now().getTime());
  return io.conversation.external(() => io.services.otp.verify({ applicantId, purpose: "sign_application", code, now: new Date(now) }));
}

async function submit(io: SectionIO) {
  const now = await io.conversation.external(() => io.services.clock.now().getTime());
  const receipt = await io.conversation.external(async () => {
    try {
      const submitted = await io.services.registration.submit(io.draftId, new Date(now));
      return { number: submitted.number, receivedAt: submitted.receivedAt.getTime(), dueDate: submitted.dueDate };
    } catch (error) {
      if (!(error instanceof IinTakenError)) throw error;
      await io.services.registration.discardDraft(io.draftId);
      return undefined;
    }
  });
  if (!receipt) {
    // Someone else's application with this IIN was submitted a moment earlier.
    await io.asker.say(io.t("registration.iin.taken"), { reply_markup: talkToPersonKeyboard(io.t) });
    return { kind: "end" as const };
  }
  await io.asker.say(
    io.t("registration.receipt", {
      number: receipt.number,
      receivedAt: formatDateTime(new Date(receipt.receivedAt)),
      dueDate: formatDate(receipt.dueDate),
    }),
    { reply_markup: { remove_keyboard: true } },
  );
  // The receipt is already given: a staff chat outage must not undo it (the
  // card is posted later by the scheduler).
  await io.conversation.external(() => io.onSubmitted(io.draftId));
  return { kind: "end" as const };
}
