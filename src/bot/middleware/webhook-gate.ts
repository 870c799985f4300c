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
    const handle = async () => {
      // Asked under the lock, whoever stored the update first: a delivery
      // that came twice (a retry, two instances) is handled by whichever
      // takes the chat first, and the other finds it done.
      if (await ledger.isHandled(updateId)) return;
      await next();
      await ledger.markHandled([updateId]);
    };
    const work = (async () => {
      await ledger.store([ctx.update]);
      const chatKey = ctx.chat?.id ?? ctx.from?.id;
      await (chatKey === undefined ? handle() : locks.withChat(chatKey, handle));
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
