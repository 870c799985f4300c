// When Telegram last answered us, for readiness: every successful Bot API
// call counts, whichever part of the bot made it.
import type { Api, Transformer } from "grammy";

export type TelegramPulse = {
  beat(): void;
  /** Epoch ms of the last successful call; undefined before the first. */
  lastAnswerAt(): number | undefined;
};

export function createTelegramPulse(now: () => number = Date.now): TelegramPulse {
  let last: number | undefined;
  return {
    beat: () => {
      last = now();
    },
    lastAnswerAt: () => last,
  };
}

/** Installed on every Api: `api.config.use(recordAnswers(pulse))`. */
export function recordAnswers(pulse: TelegramPulse): Transformer {
  return async (prev, method, payload, signal) => {
    const result = await prev(method, payload, signal);
    if (result.ok) pulse.beat();
    return result;
  };
}

/**
 * A bot nobody writes to makes no calls; in webhook mode or on a standby
 * instance it makes none either. When Telegram has been quiet this long, ask
 * it (getMe) so readiness reflects whether it answers.
 */
export function probeWhenQuiet(api: Api, pulse: TelegramPulse, quietMs = 60_000): { stop(): void } {
  const timer = setInterval(() => {
    const last = pulse.lastAnswerAt();
    if (last !== undefined && Date.now() - last < quietMs) return;
    api.getMe(AbortSignal.timeout(10_000) as never).catch(() => undefined);
  }, quietMs / 2);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
