// Where each private chat is in a form, for the bot's turn middleware
// (src/bot/turn/): read once when an update arrives, saved once after it was
// handled, and told what reached Telegram. The shapes inside are the bot's
// own (it parses them); this layer only keeps them together.
import type { ConversationStateRepository } from "../db/conversation-states.ts";

export type ConversationStateView = {
  /** The conversations plugin's state; null when no conversation is active. */
  value: unknown;
  pending: unknown[];
  prompt: unknown;
  lastUpdateId: number | null;
};

export type ConversationStates = {
  read(chatId: number): Promise<ConversationStateView | undefined>;
  save(chatId: number, state: ConversationStateView): Promise<void>;
  delivered(chatId: number, updateId: number | null, pending: unknown[], prompt: unknown): Promise<void>;
};

const keyOf = (chatId: number) => `chat:${chatId}`;

export function createConversationStates(repository: ConversationStateRepository): ConversationStates {
  return {
    read: (chatId) => repository.read(keyOf(chatId)),
    save: (chatId, state) => repository.save(keyOf(chatId), state),
    delivered: (chatId, updateId, pending, prompt) => repository.delivered(keyOf(chatId), updateId, pending, prompt),
  };
}
