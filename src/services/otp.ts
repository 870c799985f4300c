// Use case: sign a request with a one-time password sent by SMS.
import { createHmac, randomInt, timingSafeEqual } from "node:crypto";
import type { OtpChallengeRepository } from "../db/otp-challenges.ts";
import {
  type CodeVerdict,
  canSendCode,
  judgeCode,
  OTP_LENGTH,
  OTP_MAX_WRONG_TRIES,
  OTP_RESEND_INTERVAL_MS,
  OTP_TTL_MS,
  type ResendVerdict,
} from "../domain/otp.ts";
import type { SmsGateway } from "./sms-gateway.ts";

/** What a code signs; taking over is the IIN's owner moving their application to a new account. */
export type OtpPurpose = "sign_application" | "sign_appeal" | "sign_complaint" | "take_over";

export type SendResult = ResendVerdict & { expiresAt?: Date };
export type VerifyResult = { verdict: CodeVerdict | "none"; triesLeft: number };

export type OtpService = ReturnType<typeof createOtpService>;

export function createOtpService(deps: { challenges: OtpChallengeRepository; sms: SmsGateway; secret: string }) {
  // Keyed hash: a copy of the database alone does not reveal codes.
  const hash = (challengeSalt: string, code: string) =>
    createHmac("sha256", deps.secret).update(`${challengeSalt}:${code}`).digest("hex");

  return {
    /**
     * `requestKey` names the update that asks for the code: the same update
     * handled again (after a crash) finds its code instead of sending a second SMS.
     */
    async send(input: {
      applicantId: string;
      purpose: OtpPurpose;
      phone: string;
      now: Date;
      text: (code: string) => string;
      requestKey: string;
      /** A usable code sent to the same phone within the resend interval counts as sent now. */
      reuseRecent?: boolean;
    }): Promise<SendResult> {
      const earlier = await deps.challenges.findByRequest(input.requestKey);
      if (earlier) return { ok: true, expiresAt: earlier.expiresAt };
      if (input.reuseRecent) {
        const latest = await deps.challenges.latest(input.applicantId, input.purpose);
        const recent =
          latest &&
          latest.phone === input.phone &&
          input.now.getTime() - latest.createdAt.getTime() < OTP_RESEND_INTERVAL_MS;
        if (recent && judgeCode(latest, true, input.now) === "accepted")
          return { ok: true, expiresAt: latest.expiresAt };
      }
      const hourAgo = new Date(input.now.getTime() - 3_600_000);
      const verdict = canSendCode(
        await deps.challenges.sentSince(input.applicantId, input.purpose, hourAgo),
        input.now,
      );
      if (!verdict.ok) return verdict;
      const code = randomInt(0, 10 ** OTP_LENGTH)
        .toString()
        .padStart(OTP_LENGTH, "0");
      const expiresAt = new Date(input.now.getTime() + OTP_TTL_MS);
      // Saved before sending: a code that reaches the phone always works.
      await deps.challenges.create({
        applicantId: input.applicantId,
        purpose: input.purpose,
        phone: input.phone,
        codeHash: hash(`${input.applicantId}:${input.now.getTime()}`, code),
        createdAt: input.now,
        expiresAt,
        requestKey: input.requestKey,
      });
      await deps.sms.send(input.phone, input.text(code));
      return { ok: true, expiresAt };
    },

    /**
     * `attemptKey` names the update that carries the code (a wrong try counts
     * once however often it is handled); `signingKey` names what is signed:
     * the code it used is accepted for it again.
     */
    async verify(input: {
      applicantId: string;
      purpose: OtpPurpose;
      code: string;
      now: Date;
      attemptKey: string;
      signingKey: string;
    }): Promise<VerifyResult> {
      const challenge = await deps.challenges.latest(input.applicantId, input.purpose);
      if (!challenge) return { verdict: "none", triesLeft: 0 };
      const matches = timingSafeEqual(
        Buffer.from(challenge.codeHash),
        Buffer.from(hash(`${input.applicantId}:${challenge.createdAt.getTime()}`, input.code)),
      );
      if (matches && challenge.consumedKey === input.signingKey)
        return { verdict: "accepted", triesLeft: OTP_MAX_WRONG_TRIES - challenge.attempts };
      const triedAlready = challenge.lastTryKey === input.attemptKey;
      const verdict = judgeCode(
        { ...challenge, attempts: triedAlready ? challenge.attempts - 1 : challenge.attempts },
        matches,
        input.now,
      );
      if (verdict === "wrong") {
        if (!triedAlready) await deps.challenges.countWrongTry(challenge.id, input.attemptKey);
        const triesLeft = OTP_MAX_WRONG_TRIES - (triedAlready ? challenge.attempts : challenge.attempts + 1);
        return { verdict: triesLeft > 0 ? "wrong" : "voided", triesLeft };
      }
      if (verdict === "accepted" && !(await deps.challenges.consume(challenge.id, input.now, input.signingKey)))
        return { verdict: "used", triesLeft: 0 };
      return { verdict, triesLeft: OTP_MAX_WRONG_TRIES - challenge.attempts };
    },
  };
}
