// One-time passwords that sign an application (the egov.kz way of signing
// without an EDS): rules only; generating, hashing and sending live in services.

export const OTP_LENGTH = 6;
export const OTP_TTL_MS = 5 * 60_000;
export const OTP_MAX_WRONG_TRIES = 3;
export const OTP_RESEND_INTERVAL_MS = 60_000;
export const OTP_MAX_SENDS_PER_HOUR = 5;

export type OtpChallengeState = {
  createdAt: Date;
  expiresAt: Date;
  attempts: number;
  consumedAt: Date | null;
};

export type ResendVerdict =
  | { ok: true }
  | { ok: false; reason: "too_soon"; retryInSeconds: number }
  | { ok: false; reason: "hourly_limit"; retryInSeconds: number };

/** May a new code be sent now, given when the earlier codes were sent? */
export function canSendCode(sentAt: Date[], now: Date): ResendVerdict {
  const sorted = [...sentAt].sort((a, b) => b.getTime() - a.getTime());
  const last = sorted[0];
  if (last && now.getTime() - last.getTime() < OTP_RESEND_INTERVAL_MS) {
    return {
      ok: false,
      reason: "too_soon",
      retryInSeconds: Math.ceil((OTP_RESEND_INTERVAL_MS - (now.getTime() - last.getTime())) / 1000),
    };
  }
  const hourAgo = now.getTime() - 3_600_000;
  const lastHour = sorted.filter((sent) => sent.getTime() > hourAgo);
  if (lastHour.length >= OTP_MAX_SENDS_PER_HOUR) {
    const oldest = lastHour[lastHour.length - 1]!;
    return { ok: false, reason: "hourly_limit", retryInSeconds: Math.ceil((oldest.getTime() - hourAgo) / 1000) };
  }
  return { ok: true };
}

export type CodeVerdict = "accepted" | "wrong" | "expired" | "voided" | "used";

/** What a code entered now means for this challenge; `matches` is whether its hash equals the stored one. */
export function judgeCode(challenge: OtpChallengeState, matches: boolean, now: Date): CodeVerdict {
  if (challenge.consumedAt) return "used";
  if (challenge.attempts >= OTP_MAX_WRONG_TRIES) return "voided";
  if (now.getTime() >= challenge.expiresAt.getTime()) return "expired";
  return matches ? "accepted" : "wrong";
}

/** Accepts "123456", "123 456", "12-34-56". */
export function normalizeCode(text: string): string | undefined {
  const digits = text.replace(/[\s-]/g, "");
  return new RegExp(`^\\d{${OTP_LENGTH}}$`).test(digits) ? digits : undefined;
}
