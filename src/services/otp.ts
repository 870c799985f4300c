// Use case: sign a request with a one-time password sent by SMS.
import { createHmac, randomInt } from "node:crypto";
import type { OtpChallengeRepository } from "../db/otp-challenges.ts";
import {
  canSendCode,
  type CodeVerdict,
  judgeCode,
  OTP_LENGTH,
  OTP_MAX_WRONG_TRIES,
  OTP_TTL_MS,
  type ResendVerdict,
} from "../domain/otp.ts";
import type { SmsGateway } from "./sms-gateway.ts";

export type OtpPurpose = "sign_application" | "sign_appeal" | "sign_complaint";

export type SendResult = ResendVerdict & { expiresAt?: Date };
export type VerifyResult = { verdict: CodeVerdict | "none"; triesLeft: number };

export type OtpService = ReturnType<typeof createOtpService>;

export function createOtpService(deps: { challenges: OtpChallengeRepository; sms: SmsGateway; secret: string }) {
  // Keyed hash: a copy of the database alone does not reveal codes.
  const hash = (challengeSalt: string, code: string) =>
    createHmac("sha256", deps.secret).update(`${challengeSalt}:${code}`).digest("hex");

  return {
    async send(input: { applicantId: string; purpose: OtpPurpose; phone: string; now: Date; text: (code: string) => string }): Promise<SendResult> {
      const hourAgo = new Date(input.now.getTime() - 3_600_000);
      const verdict = canSendCode(await deps.challenges.sentSince(input.applicantId, input.purpose, hourAgo), input.now);
      if (!verdict.ok) return verdict;
      const code = randomInt(0, 10 ** OTP_LENGTH).toString().padStart(OTP_LENGTH, "0");
      const expiresAt = new Date(input.now.getTime() + OTP_TTL_MS);
      // Saved before sending: a code that reaches the phone always works.
      await deps.challenges.create({
        applicantId: input.applicantId,
        purpose: input.purpose,
        phone: input.phone,
        codeHash: hash(`${input.applicantId}:${input.now.getTime()}`, code),
        createdAt: input.now,
        expiresAt,
      });
      await deps.sms.send(input.phone, input.text(code));
      return { ok: true, expiresAt };
    },

    async verify(input: { applicantId: string; purpose: OtpPurpose; code: string; now: Date }): Promise<VerifyResult> {
      const challenge = await deps.challenges.latest(input.applicantId, input.purpose);
      if (!challenge) return { verdict: "none", triesLeft: 0 };
      const matches = challenge.codeHash === hash(`${input.applicantId}:${challenge.createdAt.getTime()}`, input.code);
      const verdict = judgeCode(challenge, matches, input.now);
      if (verdict === "wrong") {
        await deps.challenges.countWrongTry(challenge.id);
        const triesLeft = OTP_MAX_WRONG_TRIES - challenge.attempts - 1;
        return { verdict: triesLeft > 0 ? "wrong" : "voided", triesLeft };
      }
      if (verdict === "accepted" && !(await deps.challenges.consume(challenge.id, input.now))) return { verdict: "used", triesLeft: 0 };
      return { verdict, triesLeft: OTP_MAX_WRONG_TRIES - challenge.attempts };
    },
  };
}
