// The first middleware in webhook mode, where several instances behind a load
// balancer take updates: the update is stored in the ledger (an update_id
// seen before has one effect, whether Telegram retried it after a timeout or
// two instances got it), and the chat is locked across instances while it is
// handled. The webhook is acknowledged only when this returns, i.e. after the
// update was handled and marked in the ledger. When the database cannot take
// the update (it is away), the update is not handled at all: the webhook
// answers an error and Telegram delivers it again later, so the person's
// message waits instead of being lost or answered with "try again".
import type { MiddlewareFn } from "grammy";
import { describeError, type Logger } from "../../logger.ts";
import type { ChatLocks } from "../../services/instance-coordination.ts";
import type { UpdateLedger } from "../../services/update-ledger.ts";
import type { BotContext } from "../context.ts";

export type WebhookGate = {
  middleware: MiddlewareFn<BotContext>;
  /** Updates being handled now. */
  inFlight(): number;
  /** Waits (at most `ms`) for the updates being handled; false when some were still running. */
  drain(ms: number): Promise<boolean>;
};

/** The update was not taken (stored, locked): Telegram must deliver it again. The error boundary lets it through. */
export class UpdateNotTaken extends Error {
  override name = "UpdateNotTaken";
}

export function webhookGate(deps: { ledger: UpdateLedger; locks: ChatLocks; logger: Logger }): WebhookGate {
  const { ledger, locks, logger } = deps;
  const notTaken = (error: unknown): never => {
    throw new UpdateNotTaken("the update could not be stored or its chat locked", { cause: error });
  };
  const handling = new Set<Promise<unknown>>();

  const middleware: MiddlewareFn<BotContext> = async (ctx, next) => {
    const updateId = ctx.update.update_id;
    let entered = false;
    const handle = async () => {
      entered = true;
      // Asked under the lock, whoever stored the update first: a delivery
      // that came twice (a retry, two instances) is handled by whichever
      // takes the chat first, and the other finds it done.
      if (await ledger.isHandled(updateId).catch(notTaken)) return;
      await next();
      // Handled: a failed mark must not make Telegram deliver it again.
      await ledger
        .markHandled([updateId])
        .catch((error: unknown) =>
          logger.warn({ updateId, err: describeError(error) }, "could not mark an update handled"),
        );
    };
    const work = (async () => {
      await ledger.store([ctx.update]).catch(notTaken);
      const chatKey = ctx.chat?.id ?? ctx.from?.id;
      if (chatKey === undefined) return handle();
      await locks.withChat(chatKey, handle).catch((error: unknown) => {
        if (entered) throw error;
        notTaken(error);
      });
    })();
    // Counted from the start, so the drain waits for an update still being stored.
    handling.add(work);
    try {
      await work;
    } finally {
      handling.delete(work);
    }
  };

  return {
    middleware,
    inFlight: () => handling.size,
    async drain(ms) {
      const deadline = Date.now() + ms;
      // Again until empty: an update that arrived during the wait is waited for too.
      while (handling.size > 0) {
        const left = deadline - Date.now();
        if (left <= 0) return false;
        let timer: NodeJS.Timeout | undefined;
        const late = new Promise<void>((resolve) => {
          timer = setTimeout(resolve, left);
        });
        await Promise.race([Promise.allSettled([...handling]), late]);
        clearTimeout(timer);
      }
      return true;
    },
  };
}
