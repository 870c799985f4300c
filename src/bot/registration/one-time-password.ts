// Signing with a one-time password sent by SMS: send (within the resend
// limits), then wait for the right code, with "send again". Used to sign an
// application, an appeal or a complaint, and to confirm taking an application
// over: the prompt and the SMS each say which (registration.otp.ask.<purpose>,
// registration.otp.sms.<purpose>).

import { formatPhone } from "../../domain/format.ts";
import { normalizeCode, OTP_LENGTH, OTP_TTL_MS } from "../../domain/otp.ts";
import type { Services } from "../../services/index.ts";
import type { OtpPurpose, SendResult, VerifyResult } from "../../services/otp.ts";
import { SmsDeliveryError } from "../../services/sms-gateway.ts";
import type { Translate } from "../i18n.ts";
import type { Asker, FormConversation, Parsed, Question } from "./asker.ts";
import { choices } from "./keyboards.ts";

export type OtpIO = {
  conversation: FormConversation;
  asker: Asker;
  t: Translate;
  services: Services;
  applicantId: string;
  phone: string;
  purpose: OtpPurpose;
  /**
   * What this signature signs (a draft, one filing): the code this document
   * used is accepted for it again, so a signature whose step is handled
   * again after a failure still goes through.
   */
  signingKey: string;
};

export function otpQuestion(io: Pick<OtpIO, "t" | "phone" | "purpose">): Question {
  return {
    id: "otp",
    text: io.t(`registration.otp.ask.${io.purpose}`, { phone: formatPhone(io.phone), length: OTP_LENGTH }),
    reply_markup: choices("otp", [{ value: "resend", label: io.t("registration.otp.resend") }]),
  };
}

/** After a code was voided or expired: only a new one helps, so only the button is offered. */
function renewQuestion(io: Pick<OtpIO, "t" | "phone">): Question {
  const resend = io.t("registration.otp.resend");
  return {
    id: "otp_renew",
    text: io.t("registration.otp.renew", { phone: formatPhone(io.phone), resend }),
    reply_markup: choices("otp_renew", [{ value: "resend", label: resend }]),
  };
}

/**
 * `asked`: the person pressed "send again" (a new code, within the limits).
 * Otherwise a code sent to this phone a moment ago is still the one to use:
 * the same step handled again after a failure sends no second SMS.
 */
export async function sendOtp(io: OtpIO, asked = false): Promise<boolean> {
  const requestKey = await io.asker.updateKey();
  const now = await io.conversation.external(() => io.services.clock.now().getTime());
  const minutes = OTP_TTL_MS / 60_000;
  const result = await io.conversation.external(
    async (): Promise<{ ok: true } | Exclude<SendResult, { ok: true }> | { ok: false; reason: "sms_failed" }> => {
      try {
        const sent = await io.services.otp.send({
          applicantId: io.applicantId,
          purpose: io.purpose,
          phone: io.phone,
          now: new Date(now),
          requestKey,
          reuseRecent: !asked,
          text: (code) => io.t(`registration.otp.sms.${io.purpose}`, { code, minutes }),
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
    await io.asker.say(io.t("registration.otp.sent", { phone: formatPhone(io.phone), minutes }));
    return true;
  }
  const retryIn = "retryInSeconds" in result ? result.retryInSeconds : 0;
  await io.asker.say(io.t(`registration.otp.${result.reason}`, { seconds: retryIn, minutes: Math.ceil(retryIn / 60) }));
  return false;
}

function parseCode(text: string): Parsed<string> {
  const code = normalizeCode(text);
  return code
    ? { ok: true, value: code }
    : { ok: false, error: "registration.otp.format", values: { length: OTP_LENGTH } };
}

function refuseSpentCode(): Parsed<string> {
  return { ok: false, error: "registration.otp.renewFirst" };
}

/** Returns once the person has entered a valid code (the code has been sent already). */
export async function awaitValidOtp(io: OtpIO): Promise<void> {
  let spent = false;
  for (;;) {
    const answer = await io.asker.ask(spent ? renewQuestion(io) : otpQuestion(io), {
      text: spent ? refuseSpentCode : parseCode,
      buttons: true,
    });
    if (answer.kind === "button") {
      // A refused request (too soon, too many) leaves the spent code spent.
      if (await sendOtp(io, true)) spent = false;
      continue;
    }
    const code = answer.value;
    const attemptKey = await io.asker.updateKey();
    const now = await io.conversation.external(() => io.services.clock.now().getTime());
    const result: VerifyResult = await io.conversation.external(() =>
      io.services.otp.verify({
        applicantId: io.applicantId,
        purpose: io.purpose,
        code,
        now: new Date(now),
        attemptKey,
        signingKey: io.signingKey,
      }),
    );
    if (result.verdict === "accepted") return;
    spent = result.verdict !== "wrong";
    await io.asker.say(io.t(`registration.otp.${result.verdict}`, { triesLeft: result.triesLeft }));
  }
}
