// The first middleware in webhook mode, where several instances behind a load
// balancer take updates: the update is stored in the ledger (an update_id
// seen before has one effect, whether Telegram retried it after a timeout or
// two instances got it), and the chat is locked across instances while it is
// handled. The webhook is acknowledged only when this returns, i.e. after the
// update was handled and marked in the ledger.
import type { MiddlewareFn } from "grammy";
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

export function webhookGate(deps: { ledger: UpdateLedger; locks: ChatLocks }): WebhookGate {
  const { ledger, locks } = deps;
  const handling = new Set<Promise<unknown>>();

  const middleware: MiddlewareFn<BotContext> = async (ctx, next) => {
    const updateId = ctx.update.update_id;
    const fresh = (await ledger.store([ctx.update])).has(updateId);
    const handle = async () => {
      // Seen before: the first delivery is handled, or was being handled and
      // its lock is ours now (finished, or its instance died mid-way).
      if (!fresh && (await ledger.isHandled(updateId))) return;
      await next();
      await ledger.markHandled([updateId]);
    };
    const chatKey = ctx.chat?.id ?? ctx.from?.id;
    const work = chatKey === undefined ? handle() : locks.withChat(chatKey, handle);
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
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<false>((resolve) => {
        timer = setTimeout(() => resolve(false), ms);
      });
      const done = Promise.allSettled([...handling]).then(() => true);
      const drained = await Promise.race([done, late]);
      clearTimeout(timer);
      return drained;
    },
  };
}
