// A guard for @grammyjs/conversations 2.0.1–2.1.1 (issue #155): when a Bot
// API call inside a conversation throws (a reply during a Telegram outage),
// the replay never settles, and with per-chat sequencing the chat is blocked
// until a restart. If handling an update takes longer than the deadline, we
// stop waiting for it, drop the chat's stored conversation (the draft keeps
// every finished section) so the next update starts the section afresh, and
// free the chat.
import type { MiddlewareFn } from "grammy";
import type { Logger } from "../../logger.ts";
import type { BotContext } from "../context.ts";

export function updateDeadline(options: {
  timeoutMs: number;
  logger: Logger;
  resetChat(chatId: number): Promise<void>;
}): MiddlewareFn<BotContext> {
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
    options.logger.error({ updateId: ctx.update.update_id, timeoutMs: options.timeoutMs }, "update handling timed out; the chat's conversation is reset");
    if (ctx.chatId !== undefined) await options.resetChat(ctx.chatId).catch(() => undefined);
    await ctx.reply(ctx.t("errors.generic")).catch(() => undefined);
  };
}
