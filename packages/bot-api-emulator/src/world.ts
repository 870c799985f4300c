import { createHash } from "node:crypto";
import type { BotAccount } from "./bot-account.ts";
import { CallLog } from "./call-log.ts";
import { CallbackQueryStore } from "./callback-queries.ts";
import { Conversation } from "./conversation.ts";
import { FaultInjector } from "./faults.ts";
import { FileStore } from "./file-store.ts";
import type { GroupRecord } from "./group-record.ts";
import type { Chat } from "./types.ts";
import type { UserAccount } from "./user-account.ts";
import { type WebhookConfig, Webhooks } from "./webhooks.ts";

export interface Timing {
  /** How long the bot must stay silent before send()/press() consider its answer complete. */
  quietMs: number;
  /** How long send()/press() wait for a first answer before failing. */
  timeoutMs: number;
}

/** Everything the emulator knows: accounts, chats, files, and the record of API calls. */
export class World {
  readonly bots = new Map<number, BotAccount>();
  readonly users = new Map<number, UserAccount>();
  readonly groups = new Map<number, GroupRecord>();
  readonly files = new FileStore();
  readonly callbacks = new CallbackQueryStore();
  readonly calls = new CallLog();
  readonly faults = new FaultInjector();
  readonly timing: Timing;
  readonly webhooks: Webhooks;
  private readonly conversations = new Map<string, Conversation>();
  private readonly blocked = new Set<string>();
  private readonly started = new Set<string>();

  constructor(timing: Timing, webhooks: WebhookConfig) {
    this.timing = timing;
    this.webhooks = new Webhooks(webhooks);
  }

  now(): number {
    return Math.floor(Date.now() / 1000);
  }

  botByToken(token: string): BotAccount | undefined {
    return [...this.bots.values()].find((bot) => bot.token === token);
  }

  botByUsername(username: string): BotAccount | undefined {
    const wanted = username.replace(/^@/, "").toLowerCase();
    return [...this.bots.values()].find((bot) => bot.user.username?.toLowerCase() === wanted);
  }

  /** The private chat of a bot and a user, created on first use. */
  privateConversation(botId: number, userId: number): Conversation {
    const account = this.users.get(userId);
    if (!account) throw new Error(`Unknown user ${userId}`);
    const { id, first_name, last_name, username } = account.user;
    const chat: Chat = { id, type: "private", first_name };
    if (last_name !== undefined) chat.last_name = last_name;
    if (username !== undefined) chat.username = username;
    return this.conversation(`${botId}:${userId}`, chat);
  }

  groupConversation(groupId: number): Conversation {
    const group = this.groups.get(groupId);
    if (!group) throw new Error(`Unknown group ${groupId}`);
    return this.conversation(`group:${groupId}`, group.chat);
  }

  /** The existing conversation a bot has with a chat id, if any. */
  findConversation(botId: number, chatId: number): Conversation | undefined {
    const key = chatId < 0 ? `group:${chatId}` : `${botId}:${chatId}`;
    return this.conversations.get(key);
  }

  hasStarted(botId: number, userId: number): boolean {
    return this.started.has(`${botId}:${userId}`);
  }

  markStarted(botId: number, userId: number): void {
    this.started.add(`${botId}:${userId}`);
  }

  isBlocked(botId: number, userId: number): boolean {
    return this.blocked.has(`${botId}:${userId}`);
  }

  setBlocked(botId: number, userId: number, blocked: boolean): void {
    if (blocked) this.blocked.add(`${botId}:${userId}`);
    else this.blocked.delete(`${botId}:${userId}`);
  }

  private conversation(key: string, chat: Chat): Conversation {
    const existing = this.conversations.get(key);
    if (existing) return existing;
    const created = new Conversation(chat, chatInstanceOf(key));
    this.conversations.set(key, created);
    return created;
  }
}

/** Telegram's chat_instance looks like a signed 64-bit decimal such as "-8327373622627372671". */
function chatInstanceOf(key: string): string {
  const digest = createHash("sha256").update(key).digest();
  return BigInt.asIntN(64, digest.readBigUInt64BE(0)).toString();
}
