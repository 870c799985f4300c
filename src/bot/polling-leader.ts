// Long polling with several instances: Telegram allows one getUpdates caller
// per token, so the instances elect a leader (a PostgreSQL advisory lock) and
// only it polls. The others stand by and take over when the leader's session
// ends (it stopped, died, or lost its database connection). Scheduled work
// runs on every instance regardless.
import { type Bot, GrammyError } from "grammy";
import { CAMPAIGN_INTERVAL_MS, type PollingLeadership } from "../services/instance-coordination.ts";
import { sleep } from "../sleep.ts";
import type { BotContext } from "./context.ts";
import { type Polling, type PollingOptions, startPolling } from "./polling.ts";

export type LeadPolling = Polling & {
  /** True while this instance polls. */
  leading(): boolean;
};

/** 409 Conflict this many times in a row, each after a fresh lead: not an overlap of leaders but a stranger. */
const CONFLICTS_BEFORE_GIVING_UP = 5;

export function pollAsLeader(
  bot: Bot<BotContext>,
  leadership: PollingLeadership,
  options: PollingOptions & {
    /** One process on this storage (PGlite): a 409 can only come from outside, so it ends the app. */
    conflictIsFatal: boolean;
  },
): LeadPolling {
  const { logger } = options;
  const campaign = new AbortController();
  let current: Polling | undefined;
  let conflicts = 0;

  const lead = async () => {
    while (!campaign.signal.aborted) {
      const term = await leadership.campaign(campaign.signal);
      if (!term) return;
      // stop() came while the lock was being taken.
      if (campaign.signal.aborted) return term.resign();
      logger.info("polling for updates: this instance leads");
      current = startPolling(bot, options);
      try {
        const ended = await Promise.race([
          current.task.then(() => "stopped" as const),
          term.lost.then(() => "lost" as const),
        ]);
        if (ended === "stopped") return;
        conflicts = 0;
        // Another instance may lead already: stop before it and we both poll.
        logger.warn("lost the polling lead (database session ended); standing by");
        await current.stop();
      } catch (error) {
        if (!isConflict(error) || options.conflictIsFatal || ++conflicts >= CONFLICTS_BEFORE_GIVING_UP) throw error;
        // The old leader's poll, still open until it learns it lost the lead.
        logger.warn({ conflicts }, "Telegram answered 409 Conflict: another instance still polls; standing by");
      } finally {
        current = undefined;
        await term.resign();
      }
      if (conflicts > 0) await sleep(CAMPAIGN_INTERVAL_MS, campaign.signal);
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

const isConflict = (error: unknown) => error instanceof GrammyError && error.error_code === 409;
