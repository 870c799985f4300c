import type { Update } from "./types.ts";

/**
 * The queue an update waits in for webhook delivery. Like telegram-bot-api we keep the
 * updates of one chat in order and deliver different chats in parallel; an update without
 * a chat is keyed by its user. A private chat's id is its user's id, so a person's button
 * presses and messages share one queue.
 */
export function orderKeyOf(update: Update): number {
  const chat =
    update.message?.chat ??
    update.edited_message?.chat ??
    update.my_chat_member?.chat ??
    update.callback_query?.message?.chat;
  if (chat) return chat.id;
  return update.callback_query?.from.id ?? 0;
}
