// Registered last: whatever no feature handled gets a polite pointer, and a
// button nobody knows is answered so the person's app stops spinning.
import { Composer } from "grammy";
import type { BotContext } from "../context.ts";

export function fallbackFeature(): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const privateChat = composer.chatType("private");

  privateChat.on("callback_query", async (ctx) => {
    await ctx.answerCallbackQuery({ text: ctx.t("errors.staleButton") });
  });

  privateChat.on("message", async (ctx) => {
    await ctx.reply(ctx.t("fallback.notUnderstood"));
  });

  return composer;
}
