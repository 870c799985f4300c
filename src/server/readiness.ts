// Whether this instance should get traffic (/readyz): its database answers
// in time with every migration applied, Telegram answered lately, and it is
// not stopping. Each failing check gives its reason, never a secret.
export type ReadinessSources = {
  /** Resolves when the database answers and its migrations are applied; rejects with why not. */
  database(timeoutMs: number): Promise<void>;
  /** Epoch ms of Telegram's last answer. */
  telegramAnsweredAt(): number | undefined;
  draining(): boolean;
  /** Webhook mode: Telegram took our setWebhook (always true in polling mode). */
  webhookSet(): boolean;
};

export type Readiness = { ready: true } | { ready: false; reasons: string[] };

export const DATABASE_TIMEOUT_MS = 1_000;
/** Longer than the quiet probe's interval (src/bot/telegram-pulse.ts), so a quiet bot stays ready. */
export const TELEGRAM_SILENCE_MS = 5 * 60_000;

export async function checkReadiness(sources: ReadinessSources, now: number): Promise<Readiness> {
  const reasons: string[] = [];
  if (sources.draining()) reasons.push("stopping: finishing the updates in hand");
  try {
    await sources.database(DATABASE_TIMEOUT_MS);
  } catch (error) {
    reasons.push(`database: ${(error as Error).message}`);
  }
  if (!sources.webhookSet()) reasons.push("telegram: the webhook is not set yet");
  const answeredAt = sources.telegramAnsweredAt();
  if (answeredAt === undefined) reasons.push("telegram: no answer yet");
  else if (now - answeredAt > TELEGRAM_SILENCE_MS)
    reasons.push(`telegram: no answer for ${Math.round((now - answeredAt) / 1000)} s`);
  return reasons.length === 0 ? { ready: true } : { ready: false, reasons };
}
