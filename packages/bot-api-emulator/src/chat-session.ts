import type { BotAccount } from "./bot-account.ts";
import { shallow } from "./bot-messages.ts";
import { describeVisibleButtons, findInlineButton, findReplyButton } from "./button-finder.ts";
import type { CallbackAnswer } from "./callback-queries.ts";
import type { ChatChange, Conversation } from "./conversation.ts";
import type { StoredFile } from "./file-store.ts";
import { waitForDelivery, waitForReaction } from "./reaction-waiter.ts";
import type {
  Chat,
  InlineKeyboardButton,
  KeyboardButton,
  Message,
  ReplyKeyboardMarkup,
  Update,
  User,
} from "./types.ts";
import { orderKeyOf } from "./update-order-key.ts";
import type { UserAccount } from "./user-account.ts";
import {
  type ContactInput,
  contactContent,
  type DocumentInput,
  documentContent,
  type PhotoInput,
  photoContent,
  type StickerInput,
  stickerContent,
  textContent,
  type UserContent,
  type VoiceInput,
  voiceContent,
} from "./user-content.ts";
import { waitUntil } from "./wait-until.ts";
import type { World } from "./world.ts";

export interface SendOptions {
  /** false: resolve as soon as the bot fetched the update, without waiting for an answer. */
  expectReply?: boolean;
  /** Silence that ends the bot's answer (default: the emulator's, 150 ms). */
  quietMs?: number;
  /** How long to wait for the first answer (default: the emulator's, 5 s). */
  timeoutMs?: number;
  /**
   * Reply to this message (its id, or the message). After a force_reply the next message answers
   * it, as the client opens the reply; null: the person closes that reply and sends a plain message.
   */
  replyTo?: number | Message | null;
}

export type PressOptions = Omit<SendOptions, "replyTo">;

/** Either the update handed to the session's bot, or why that bot does not get one. */
export type Delivery = { update: Update } | { missedBecause: string };

/** A person acting in one chat with a bot: what they can do there and what they see. */
export abstract class ChatSession {
  protected readonly world: World;
  protected readonly account: UserAccount;

  protected constructor(world: World, account: UserAccount) {
    this.world = world;
    this.account = account;
  }

  /** The bot this session talks to (and waits for). */
  protected abstract bot(): BotAccount;
  protected abstract conversation(): Conversation;
  /** Hands a new message to every bot that gets it; reports on this session's bot. */
  protected abstract deliverMessage(message: Message): Delivery;
  /** Throws when the person could not act in this chat (blocked bot, not a member). */
  protected abstract checkCanAct(): void;

  get user(): User {
    return this.account.user;
  }

  get chat(): Chat {
    return this.conversation().chat;
  }

  protected get name(): string {
    return this.account.user.username ? `@${this.account.user.username}` : this.account.user.first_name;
  }

  // ── acting ────────────────────────────────────────────────────────────────

  async send(text: string, options: SendOptions = {}): Promise<Message[]> {
    if (text.trim() === "") throw new Error(`${this.name} cannot send an empty message: Telegram clients refuse to`);
    if ([...text].length > 4096)
      throw new Error("Telegram clients split texts longer than 4096 characters; send the parts");
    return this.postMessage(textContent(text), options, `${this.name} sent "${text}"`);
  }

  /**
   * Posts a text message and returns it at once, without waiting for the bot to fetch it
   * (for bots that are not polling yet, or a webhook that is set).
   */
  post(text: string, options: Pick<SendOptions, "replyTo"> = {}): Message {
    const message = this.storeUserMessage(textContent(text), options.replyTo);
    this.deliverMessage(message);
    return message;
  }

  /** Shares a contact; a userId other than the sender's own simulates someone else's contact. */
  async shareContact(input: ContactInput, options: SendOptions = {}): Promise<Message[]> {
    return this.postMessage(
      contactContent(this.user, input),
      options,
      `${this.name} shared the contact ${input.phone}`,
    );
  }

  async sendPhoto(input: PhotoInput = {}, options: SendOptions = {}): Promise<Message[]> {
    return this.postMessage(photoContent(this.world.files, input), options, `${this.name} sent a photo`);
  }

  async sendDocument(input: DocumentInput = {}, options: SendOptions = {}): Promise<Message[]> {
    const content = documentContent(this.world.files, input);
    return this.postMessage(content, options, `${this.name} sent the document ${content.document?.file_name ?? ""}`);
  }

  async sendVoice(input: VoiceInput = {}, options: SendOptions = {}): Promise<Message[]> {
    return this.postMessage(voiceContent(this.world.files, input), options, `${this.name} sent a voice message`);
  }

  async sendSticker(input: StickerInput = {}, options: SendOptions = {}): Promise<Message[]> {
    return this.postMessage(stickerContent(this.world.files, input), options, `${this.name} sent a sticker`);
  }

  /**
   * Presses the button with this text: an inline button on the newest message that has one,
   * else a button of the current reply keyboard (which sends its text, or the contact).
   */
  async press(buttonText: string, options: PressOptions = {}): Promise<Message[]> {
    const inline = findInlineButton(this.messages(), buttonText);
    if (inline) return this.pressInline(inline.message, inline.button, options);
    const reply = findReplyButton(this.replyKeyboard(), buttonText);
    if (reply) return this.pressReplyButton(reply, options);
    const visible = describeVisibleButtons(this.messages(), this.replyKeyboard());
    throw new Error(`${this.name} sees no button "${buttonText}". Visible buttons:\n${visible}`);
  }

  /** Sends a callback query for any message and data, as a forged or stale client could. */
  async pressData(messageId: number, data: string, options: PressOptions = {}): Promise<Message[]> {
    return this.postCallback(messageId, data, options, `${this.name} pressed a button with data "${data}"`);
  }

  // ── reading ───────────────────────────────────────────────────────────────

  /** The bot's messages in this chat as they are now (after edits), oldest first. */
  messages(): Message[] {
    const botId = this.bot().id;
    return this.conversation()
      .list()
      .filter((message) => message.from?.id === botId);
  }

  /** Every message in the chat, the person's own included. */
  history(): Message[] {
    return this.conversation().list();
  }

  lastMessage(): Message | undefined {
    return this.messages().at(-1);
  }

  lastText(): string | undefined {
    const last = this.lastMessage();
    return last?.text ?? last?.caption;
  }

  /** Inline button texts, row by row, of the given message or the last one. */
  buttons(message: Message | undefined = this.lastMessage()): string[][] {
    const current = message ? (this.conversation().get(message.message_id) ?? message) : undefined;
    return current?.reply_markup?.inline_keyboard.map((row) => row.map((button) => button.text)) ?? [];
  }

  /** The reply keyboard shown under the input field, or null (never set, or removed). */
  replyKeyboard(): ReplyKeyboardMarkup | null {
    return this.conversation().replyKeyboard;
  }

  /**
   * How many of this chat's updates the bot has not taken yet: not fetched
   * with getUpdates, or not confirmed by its webhook (which answers once it
   * has handled the update).
   */
  get updatesNotTaken(): number {
    return this.bot().queue.pendingOf(this.chat.id);
  }

  /** Until the bot has taken every update of this chat (see updatesNotTaken). */
  waitUntilUpdatesTaken(timeoutMs = this.world.timing.timeoutMs): Promise<void> {
    // Woken only when updates leave the queue: a thousand people waiting must
    // not each re-check on every Bot API call of the others.
    return waitUntil(() => this.updatesNotTaken === 0, {
      timeoutMs,
      triggers: [this.bot().queue.left],
      recheck: false,
      describe: `the bot never took the updates of ${this.name}`,
    });
  }

  /** The ids of every update of this chat so far (the person's messages and presses), oldest first. */
  updateIds(): number[] {
    return this.bot()
      .queue.history.filter((update) => orderKeyOf(update) === this.chat.id)
      .map((update) => update.update_id);
  }

  /** What the bot answered to this person's latest button press in this chat. */
  lastCallbackAnswer(): CallbackAnswer | undefined {
    return this.world.callbacks.latestFor(this.bot().id, this.user.id, this.chat.id)?.answer;
  }

  /** The stored file of a document or photo message (default: the last bot message). */
  fileOf(message: Message | undefined = this.lastMessage()): StoredFile | undefined {
    const fileId = message?.document?.file_id ?? message?.photo?.at(-1)?.file_id;
    return fileId ? this.world.files.get(fileId) : undefined;
  }

  /** Calls the listener for every message, edit, deletion and button answer in this chat. */
  watch(listener: (change: ChatChange) => void): () => void {
    return this.conversation().changed.on(listener);
  }

  /** Waits until the predicate holds; re-checked after every API call and chat change. */
  waitFor(
    predicate: (session: this) => boolean | Promise<boolean>,
    timeoutMs = this.world.timing.timeoutMs,
  ): Promise<void> {
    return waitUntil(() => predicate(this), {
      timeoutMs,
      triggers: [this.conversation().changed, this.world.calls.added],
      describe: `waitFor in the chat of ${this.name}: the condition never became true`,
    });
  }

  /**
   * Until `predicate` holds, re-checked only when this chat changes (a message,
   * an edit, a deletion, an answer to a press): for conditions on the chat
   * alone, so that many people waiting at once cost nothing while others talk.
   */
  waitForChange(predicate: (session: this) => boolean, timeoutMs = this.world.timing.timeoutMs): Promise<void> {
    return waitUntil(() => predicate(this), {
      timeoutMs,
      triggers: [this.conversation().changed],
      recheck: false,
      describe: `waitForChange in the chat of ${this.name}: the chat never changed that way`,
    });
  }

  // ── internals ─────────────────────────────────────────────────────────────

  private postMessage(content: UserContent, options: SendOptions, describe: string): Promise<Message[]> {
    const message = this.storeUserMessage(content, options.replyTo);
    return this.awaitBot(this.bot(), this.deliverMessage(message), options, describe);
  }

  private storeUserMessage(content: UserContent, replyTo: SendOptions["replyTo"]): Message {
    this.checkCanAct();
    const conversation = this.conversation();
    const message: Message = {
      message_id: conversation.allocateMessageId(),
      from: this.user,
      chat: conversation.chat,
      date: this.world.now(),
      ...content,
    };
    const target = this.replyTargetFor(conversation, replyTo);
    if (target) message.reply_to_message = target;
    return conversation.add(message);
  }

  // A force_reply request makes the client answer it with the next message.
  private replyTargetFor(conversation: Conversation, replyTo: SendOptions["replyTo"]): Message | undefined {
    const forced = conversation.forceReplyTo;
    conversation.forceReplyTo = undefined;
    if (replyTo === null) return undefined;
    const id = replyTo === undefined ? forced : typeof replyTo === "number" ? replyTo : replyTo.message_id;
    if (id === undefined) return undefined;
    const target = conversation.get(id);
    if (!target) throw new Error(`${this.name} cannot reply to message ${id}: it is not in the chat`);
    return shallow(target);
  }

  private pressInline(message: Message, button: InlineKeyboardButton, options: PressOptions): Promise<Message[]> {
    if (button.callback_data !== undefined) {
      return this.postCallback(
        message.message_id,
        button.callback_data,
        options,
        `${this.name} pressed "${button.text}"`,
      );
    }
    if (button.url !== undefined) {
      throw new Error(
        `"${button.text}" is a URL button (${button.url}): pressing it opens the link and sends nothing to the bot`,
      );
    }
    throw new Error(
      `"${button.text}" is a ${Object.keys(button).find((key) => key !== "text")} button, which the emulator cannot press`,
    );
  }

  private pressReplyButton(button: KeyboardButton, options: PressOptions): Promise<Message[]> {
    if (button.request_contact) {
      const phone = this.account.phoneNumber;
      if (!phone)
        throw new Error(`"${button.text}" shares the phone number: give ${this.name} a phoneNumber in createUser`);
      return this.shareContact({ phone }, options);
    }
    if (
      button.request_location ||
      button.request_poll ||
      button.web_app ||
      button.request_users ||
      button.request_chat
    ) {
      throw new Error(`"${button.text}" is a special keyboard button the emulator cannot press`);
    }
    return this.send(button.text, options);
  }

  private postCallback(messageId: number, data: string, options: PressOptions, describe: string): Promise<Message[]> {
    this.checkCanAct();
    const conversation = this.conversation();
    const message = conversation.get(messageId);
    if (!message) throw new Error(`${describe}, but message ${messageId} is not in the chat`);
    // Callback queries go to the bot that sent the message.
    const bot = (message.from && this.world.bots.get(message.from.id)) || this.bot();
    const query = this.world.callbacks.create({
      botId: bot.id,
      userId: this.user.id,
      chatId: conversation.chat.id,
      messageId,
      data,
    });
    const update = bot.queue.push({
      callback_query: { id: query.id, from: this.user, message, chat_instance: conversation.chatInstance, data },
    });
    const delivery: Delivery = update ? { update } : { missedBecause: allowedUpdatesReason(bot, "callback_query") };
    return this.awaitBot(bot, delivery, options, describe);
  }

  private async awaitBot(
    bot: BotAccount,
    delivery: Delivery,
    options: SendOptions,
    describe: string,
  ): Promise<Message[]> {
    if ("missedBecause" in delivery)
      throw new Error(`${describe}, but @${bot.user.username} does not get it: ${delivery.missedBecause}`);
    const timeoutMs = options.timeoutMs ?? this.world.timing.timeoutMs;
    const updateId = delivery.update.update_id;
    if (options.expectReply === false) {
      await waitForDelivery(bot.queue, updateId, timeoutMs, describe);
      return [];
    }
    return waitForReaction(this.world, {
      botId: bot.id,
      conversation: this.conversation(),
      queue: bot.queue,
      updateId,
      quietMs: options.quietMs ?? this.world.timing.quietMs,
      timeoutMs,
      describe,
    });
  }
}

export function allowedUpdatesReason(bot: BotAccount, type: string): string {
  return `it polls with allowed_updates ${JSON.stringify([...bot.queue.allowedUpdates])}, which leaves out "${type}"`;
}
