// Temporary Telegram failures (429 with its retry_after, 5xx, a network
// error) are retried with auto-retry's back-off until a time budget runs out:
// long enough to outlast a 30-second storm, well inside the update deadline.
// What still fails then is reported; a form's undelivered reply stays pending
// and goes out when the person writes next (src/bot/turn/). getUpdates is
// left to the polling loop, whose back-off is capped (src/bot/polling.ts).
import { autoRetry } from "@grammyjs/auto-retry";
import type { Transformer } from "grammy";

export function retryTemporaryFailures(budgetMs: number): Transformer {
  const retry = autoRetry({ maxDelaySeconds: 30, rethrowHttpErrors: false });
  return (prev, method, payload, signal) => {
    if (method === "getUpdates") return prev(method, payload, signal);
    // grammY types the signal with the abort-controller shim; Node's own is what it gets at run time.
    return retry(prev, method, payload, signal ?? (AbortSignal.timeout(budgetMs) as unknown as typeof signal));
  };
}
