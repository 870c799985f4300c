// Long polling with several instances: Telegram allows one getUpdates caller
// per token, so the instances elect a leader (a PostgreSQL advisory lock) and
// only it polls. The others stand by and take over when the leader's session
// ends (it stopped, died, or lost its database connection). Scheduled work
// runs on every instance regardless.
import type { Bot } from "grammy";
import type { PollingLeadership } from "../services/instance-coordination.ts";
import type { BotContext } from "./context.ts";
import { type Polling, type PollingOptions, startPolling } from "./polling.ts";

export type LeadPolling = Polling & {
  /** True while this instance polls. */
  leading(): boolean;
};

export function pollAsLeader(
  bot: Bot<BotContext>,
  leadership: PollingLeadership,
  options: PollingOptions,
): LeadPolling {
  const { logger } = options;
  const campaign = new AbortController();
  let current: Polling | undefined;

  const lead = async () => {
    while (!campaign.signal.aborted) {
      const term = await leadership.campaign(campaign.signal);
      if (!term) return;
      logger.info("polling for updates: this instance leads");
      current = startPolling(bot, options);
      try {
        const ended = await Promise.race([
          current.task.then(() => "stopped" as const),
          term.lost.then(() => "lost" as const),
        ]);
        if (ended === "stopped") return;
        // Another instance may lead already: stop before it and we both poll.
        logger.warn("lost the polling lead (database session ended); standing by");
        await current.stop();
      } finally {
        current = undefined;
        await term.resign();
      }
    }
  };

  const task = lead();
  return {
    task,
    leading: () => current !== undefined,
    inFlight: () => current?.inFlight() ?? 0,
    async stop(drainMs) {
      campaign.abort();
      await current?.stop(drainMs);
      await task.catch(() => undefined);
    },
  };
}
