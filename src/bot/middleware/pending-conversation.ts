// A conversation can only be entered downstream of its createConversation
// middleware, but commands (/appeal, a language change mid-form) must be
// handled upstream of them, or an active conversation would take the command
// as an answer. So a command leaves its wish on the context and passes the
// update on; this middleware, installed after every conversation, enters it.
import type { MiddlewareFn } from "grammy";
import type { BotContext } from "../context.ts";

export type PendingConversation = { id: string; args: unknown };

const pending = new WeakMap<BotContext, PendingConversation>();

export function enterAfterwards(ctx: BotContext, conversation: PendingConversation): void {
  pending.set(ctx, conversation);
}

export const enterPendingConversation: MiddlewareFn<BotContext> = async (ctx, next) => {
  const conversation = pending.get(ctx);
  if (!conversation) return next();
  pending.delete(ctx);
  await ctx.conversation.enter(conversation.id, conversation.args);
};
