// The conversations plugin. Conversations keep their state in the update's
// turn rather than in a storage of their own, so it is stored together with
// the replies and the question on screen (src/bot/turn/).
import { conversations } from "@grammyjs/conversations";
import type { Context, MiddlewareFn } from "grammy";
import type { BotContext } from "./context.ts";
import { conversationStateInTurn } from "./turn/conversation-storage.ts";

/**
 * Bump when a conversation's code changes so that a stored replay no longer
 * fits it. Conversations stored under an older version are dropped; a draft
 * keeps its saved sections, and the person continues at the start of the
 * section they were in.
 */
export const CONVERSATION_VERSION = 2;

export function conversationsPlugin(): MiddlewareFn<BotContext> {
  return conversations<BotContext, Context>({
    storage: { type: "context", version: CONVERSATION_VERSION, adapter: conversationStateInTurn() as never },
  });
}
