// A bound on how long one update may hold its chat. Nothing in a form calls
// Telegram while a conversation runs any more (replies are queued, see
// src/bot/turn/), but a database or network call can still hang: past the
// deadline we stop waiting, free the chat, and make sure that whatever the
// late handler does is not stored. The form stays at the last stored answer,
// and the person is asked to send the answer again.
import type { MiddlewareFn } from "grammy";
import type { Logger } from "../../logger.ts";
import type { BotContext } from "../context.ts";
import { isFormInput } from "../turn/arrival.ts";
import { turnOf } from "../turn/turn.ts";

export function updateDeadline(options: { timeoutMs: number; logger: Logger }): MiddlewareFn<BotContext> {
  return async (ctx, next) => {
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<"expired">((resolve) => {
      timer = setTimeout(() => resolve("expired"), options.timeoutMs);
    });
    try {
      const outcome = await Promise.race([next().then(() => "done" as const), expired]);
      if (outcome === "done") return;
    } finally {
      clearTimeout(timer);
    }
    const turn = turnOf(ctx);
    if (turn) turn.abandoned = true;
    options.logger.error(
      { updateId: ctx.update.update_id, timeoutMs: options.timeoutMs },
      "update handling timed out; its effects on the form are not stored",
    );
    await ctx.reply(ctx.t(isFormInput(ctx) ? "form.answerNotSaved" : "errors.generic")).catch(() => undefined);
  };
}
