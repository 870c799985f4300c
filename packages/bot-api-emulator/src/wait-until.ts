/** Anything that can announce a change, like a Signal. */
export interface Trigger {
  on(listener: () => void): () => void;
}

export interface WaitUntilOptions {
  timeoutMs: number;
  /** Re-check right after any of these fire. */
  triggers: readonly Trigger[];
  /** Said in the error when the condition never came true. */
  describe: string;
  /** False when the triggers announce every change the condition reads: no re-check on an interval. */
  recheck?: boolean;
}

// Predicates may read state the emulator cannot observe (a database), so besides the
// triggers we re-check on a short interval.
const RECHECK_MS = 25;

export function waitUntil(check: () => boolean | Promise<boolean>, options: WaitUntilOptions): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let settled = false;
    let checking = false;
    const stops: Array<() => void> = [];
    const settle = (error?: Error): void => {
      if (settled) return;
      settled = true;
      for (const stop of stops) stop();
      if (error) reject(error);
      else resolve();
    };
    const evaluate = async (): Promise<void> => {
      if (settled || checking) return;
      checking = true;
      try {
        if (await check()) settle();
      } catch (error) {
        settle(error instanceof Error ? error : new Error(String(error)));
      } finally {
        checking = false;
      }
    };
    if (options.recheck !== false) {
      const interval = setInterval(() => void evaluate(), RECHECK_MS);
      stops.push(() => clearInterval(interval));
    }
    const timeout = setTimeout(
      () => settle(new Error(`${options.describe} (waited ${options.timeoutMs} ms)`)),
      options.timeoutMs,
    );
    stops.push(() => clearTimeout(timeout));
    for (const trigger of options.triggers) stops.push(trigger.on(() => void evaluate()));
    void evaluate();
  });
}
