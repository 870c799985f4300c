// The API that sends reminders: many chats at once, so it keeps Telegram's
// limits (about 30 messages a second in all, 1 a second to one chat, 20 a
// minute to one group) with the throttler plugin, and retries a 429 after
// its retry_after with auto-retry, so no message is lost. Interactive replies
// use the bot's own API: a person's pace never comes near these limits.
import { autoRetry } from "@grammyjs/auto-retry";
import { apiThrottler } from "@grammyjs/transformer-throttler";
import { Api } from "grammy";
import { splitLongMessages } from "../long-text.ts";

export function createBroadcastApi(token: string, apiRoot: string): Api {
  const api = new Api(token, { apiRoot });
  api.config.use(
    apiThrottler({
      // Evenly spaced rather than the plugin's default refill of 30 each
      // second, which lets two bursts meet inside one second.
      global: { minTime: 35 },
      group: {
        maxConcurrent: 1,
        minTime: 1000,
        reservoir: 20,
        reservoirRefreshAmount: 20,
        reservoirRefreshInterval: 60_000,
      },
      out: { maxConcurrent: 1, minTime: 1000 },
    }),
  );
  // Installed last, so it wraps the throttler: a retried call queues again.
  // A network failure is not retried here: the reminder is released and the
  // next round tries it again.
  api.config.use(autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 30, rethrowHttpErrors: true }));
  // Outermost: each part of a long message (the digest) is throttled and retried on its own.
  api.config.use(splitLongMessages());
  return api;
}
