// Long polling that loses nothing when the process dies. getUpdates tells
// Telegram that everything below its `offset` has arrived, and the runner's
// own fetcher advances the offset as soon as a batch is fetched, so a process
// killed while handling that batch loses it. Here a batch is first stored in
// the update ledger, and only then is the offset advanced; what was stored
// but not handled is handled after the restart. When the ledger cannot be
// written (the database is down) the batch is handled before the offset
// moves, so the person still gets an answer ("try again in a minute").
//
// The loop is ours rather than the runner's source because the runner offers
// no hook between fetching and confirming; per-chat order still comes from
// the runner's sequentialize middleware inside the bot.
import { type Bot, type BotError, GrammyError } from "grammy";
import type { Update } from "grammy/types";
import { z } from "zod";
import { describeError, type Logger } from "../logger.ts";
import type { UpdateLedger } from "../services/update-ledger.ts";
import { sleep } from "../sleep.ts";
import type { BotContext } from "./context.ts";

export type PollingOptions = {
  ledger: UpdateLedger;
  /** What the bot does with an update that failed (its error boundary has not caught). */
  onError(error: BotError<BotContext>): Promise<void>;
  logger: Logger;
  allowedUpdates: ReadonlyArray<string>;
  /** Updates handled at once; fetching waits beyond it. */
  maxConcurrent?: number;
  /** The longest pause between failed getUpdates calls. */
  maxBackoffMs?: number;
};

export type Polling = {
  /** Settles when polling ends: resolves after stop(), rejects when Telegram refuses us (401, 409). */
  task: Promise<void>;
  /** Stops fetching and waits (at most `drainMs`) for the updates being handled. */
  stop(drainMs?: number): Promise<void>;
  /** Updates being handled now. */
  inFlight(): number;
};

const storedUpdateSchema = z.looseObject({ update_id: z.number().int() });
const MARK_EVERY_MS = 100;
const POLL_TIMEOUT_MS = 45_000;

export function startPolling(bot: Bot<BotContext>, options: PollingOptions): Polling {
  const { ledger, logger } = options;
  const maxConcurrent = options.maxConcurrent ?? 500;
  const maxBackoffMs = options.maxBackoffMs ?? 60_000;
  const handling = new Set<Promise<void>>();
  let handled: number[] = [];
  let stopping = false;
  let abort = new AbortController();

  const markHandled = async () => {
    if (handled.length === 0) return;
    const ids = handled;
    handled = [];
    await ledger.markHandled(ids).catch((error: unknown) => {
      // Kept for the next try; at worst an update is handled again after a
      // restart, which the turn and the ledger make harmless.
      handled.push(...ids);
      logger.warn({ err: describeError(error), count: ids.length }, "could not mark updates handled; will try again");
    });
  };
  const marker = setInterval(() => void markHandled(), MARK_EVERY_MS);
  marker.unref();

  const run = async (update: Update): Promise<void> => {
    try {
      await bot.handleUpdate(update);
    } catch (error) {
      await options
        .onError(error as BotError<BotContext>)
        .catch((failure: unknown) =>
          logger.error({ updateId: update.update_id, err: describeError(failure) }, "the error handler failed"),
        );
    }
  };

  const handle = (update: Update, stored: boolean): Promise<void> => {
    const work: Promise<void> = run(update).then(() => {
      handling.delete(work);
      if (stored) handled.push(update.update_id);
    });
    handling.add(work);
    return work;
  };

  const room = async () => {
    while (handling.size >= maxConcurrent) await Promise.race(handling);
  };

  const recover = async () => {
    const left = await ledger.unhandled();
    if (left.length > 0) logger.info({ count: left.length }, "handling updates stored before the last stop");
    for (const payload of left) {
      const parsed = storedUpdateSchema.safeParse(payload);
      if (!parsed.success) continue;
      await room();
      // A leader that lost the lead may have finished it since it was read.
      if (await ledger.isHandled(parsed.data.update_id)) continue;
      handle(parsed.data as unknown as Update, true);
    }
  };

  const fetch = async (offset: number): Promise<Update[] | undefined> => {
    let backoffMs = 0;
    for (;;) {
      try {
        // A long poll of 30 s; a connection silent beyond 45 s is dead (half-open), not slow.
        return await bot.api.getUpdates(
          { offset, limit: 100, timeout: 30, allowed_updates: options.allowedUpdates as never },
          AbortSignal.any([abort.signal, AbortSignal.timeout(POLL_TIMEOUT_MS)]) as never,
        );
      } catch (error) {
        if (stopping) return undefined;
        if (error instanceof GrammyError && (error.error_code === 401 || error.error_code === 409)) throw error;
        const retryAfter = error instanceof GrammyError ? error.parameters.retry_after : undefined;
        backoffMs = Math.min(
          maxBackoffMs,
          retryAfter !== undefined ? retryAfter * 1000 : Math.max(1000, backoffMs * 2),
        );
        logger.warn({ err: describeError(error), retryInMs: backoffMs }, "getUpdates failed; trying again");
        await sleep(backoffMs, abort.signal);
        if (stopping) return undefined;
      }
    }
  };

  const loop = async () => {
    // The database may be away for a moment when a new leader takes over.
    for (let waitMs = 1000; !stopping; waitMs = Math.min(maxBackoffMs, waitMs * 2)) {
      try {
        await recover();
        break;
      } catch (error) {
        logger.warn({ err: describeError(error), retryInMs: waitMs }, "could not read stored updates; trying again");
        await sleep(waitMs, abort.signal);
      }
    }
    let offset = 0;
    while (!stopping) {
      await room();
      const updates = await fetch(offset);
      if (!updates || updates.length === 0) continue;
      const fresh = await ledger.store(updates).catch((error: unknown) => {
        logger.warn(
          { err: describeError(error), count: updates.length },
          "could not store updates; handling them before confirming",
        );
        return undefined;
      });
      if (fresh) {
        for (const update of updates) if (fresh.has(update.update_id)) handle(update, true);
      } else {
        await Promise.all(updates.map((update) => handle(update, false)));
      }
      offset = updates.at(-1)!.update_id + 1;
    }
  };

  const task = loop().finally(() => clearInterval(marker));

  return {
    task,
    inFlight: () => handling.size,
    async stop(drainMs = 25_000) {
      stopping = true;
      abort.abort();
      abort = new AbortController();
      await task.catch(() => undefined);
      const drained = Promise.allSettled([...handling]).then(() => true);
      const drainedInTime = await Promise.race([drained, sleep(drainMs).then(() => false)]);
      if (!drainedInTime)
        logger.warn(
          { inFlight: handling.size },
          "stopped before every update was handled; they are handled after the restart",
        );
      await markHandled();
    },
  };
}
