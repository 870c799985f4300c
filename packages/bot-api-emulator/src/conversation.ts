import type { CallbackAnswer } from "./callback-queries.ts";
import { Signal } from "./signal.ts";
import type { Chat, Message, ReplyKeyboardMarkup } from "./types.ts";

/** Something that happened in a chat, for watchers such as a terminal demo. */
export type ChatChange =
  | { kind: "message"; message: Message }
  | { kind: "edit"; message: Message }
  | { kind: "delete"; messageId: number }
  | { kind: "callback_answer"; userId: number; answer: CallbackAnswer };

/**
 * The messages of one chat as one bot sees it: a private chat between a user and a bot,
 * or a group shared by all its bots (message ids are per chat, as in supergroups).
 */
export class Conversation {
  readonly chat: Chat;
  /** Telegram's callback_query.chat_instance: a stable opaque number per chat. */
  readonly chatInstance: string;
  /** The reply keyboard the user currently sees; null after remove_keyboard. */
  replyKeyboard: ReplyKeyboardMarkup | null = null;
  /** A message that asked for force_reply and that the user's next message answers. */
  forceReplyTo: number | undefined;
  readonly changed = new Signal<ChatChange>();
  private readonly messages = new Map<number, Message>();
  private readonly deleted = new Set<number>();
  private nextMessageId = 1;

  constructor(chat: Chat, chatInstance: string) {
    this.chat = chat;
    this.chatInstance = chatInstance;
  }

  allocateMessageId(): number {
    return this.nextMessageId++;
  }

  add(message: Message): Message {
    this.messages.set(message.message_id, message);
    this.changed.emit({ kind: "message", message });
    return message;
  }

  replace(message: Message): Message {
    this.messages.set(message.message_id, message);
    this.changed.emit({ kind: "edit", message });
    return message;
  }

  delete(messageId: number): boolean {
    const existed = this.messages.delete(messageId);
    if (existed) {
      this.deleted.add(messageId);
      this.changed.emit({ kind: "delete", messageId });
    }
    return existed;
  }

  get(messageId: number): Message | undefined {
    return this.messages.get(messageId);
  }

  wasDeleted(messageId: number): boolean {
    return this.deleted.has(messageId);
  }

  /** All messages still in the chat, oldest first. */
  list(): Message[] {
    return [...this.messages.values()].sort((a, b) => a.message_id - b.message_id);
  }

  callbackAnswered(userId: number, answer: CallbackAnswer): void {
    this.changed.emit({ kind: "callback_answer", userId, answer });
  }
}
