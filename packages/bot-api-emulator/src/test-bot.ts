import type { BotAccount } from "./bot-account.ts";
import { storedCommands } from "./methods/my-commands.ts";
import type { BotCommand, BotCommandScope, User } from "./types.ts";
import type { WebhookAttempt } from "./webhook-attempt.ts";
import type { Webhooks } from "./webhooks.ts";

/** A registered bot as tests see it: what it has configured through the API. */
export class TestBot {
  private readonly account: BotAccount;
  private readonly webhooks: Webhooks;

  constructor(account: BotAccount, webhooks: Webhooks) {
    this.account = account;
    this.webhooks = webhooks;
  }

  get id(): number {
    return this.account.id;
  }

  get token(): string {
    return this.account.token;
  }

  get username(): string {
    return this.account.user.username ?? "";
  }

  get user(): User {
    return this.account.user;
  }

  /** The list setMyCommands stored for exactly this scope and language (undefined if none). */
  commands(options: { scope?: BotCommandScope; languageCode?: string } = {}): BotCommand[] | undefined {
    return storedCommands(this.account, options.scope ?? { type: "default" }, options.languageCode ?? "");
  }

  description(languageCode = ""): string | undefined {
    return this.account.descriptions.get(languageCode);
  }

  shortDescription(languageCode = ""): string | undefined {
    return this.account.shortDescriptions.get(languageCode);
  }

  menuButton(chatId?: number): unknown {
    return this.account.menuButtons.get(chatId === undefined ? "default" : String(chatId));
  }

  /** Every POST of an update to this bot's webhook so far, oldest first. */
  get webhookAttempts(): readonly WebhookAttempt[] {
    return this.webhooks.attemptsOf(this.account.id);
  }

  get webhookUrl(): string | undefined {
    return this.account.webhook?.url;
  }

  get pendingUpdateCount(): number {
    return this.account.queue.pendingCount;
  }

  /** True while a getUpdates call of this bot is being held open. */
  get isPolling(): boolean {
    return this.account.queue.isPolling;
  }
}
