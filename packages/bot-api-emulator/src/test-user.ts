import { type BotAccount, botAsSender } from "./bot-account.ts";
import { allowedUpdatesReason, ChatSession, type Delivery } from "./chat-session.ts";
import type { Conversation } from "./conversation.ts";
import { GroupChatSession } from "./group-session.ts";
import { memberOf } from "./methods/chat-info.ts";
import type { TestGroup } from "./test-group.ts";
import type { ChatMemberStatus, Message } from "./types.ts";
import type { UserAccount } from "./user-account.ts";
import type { World } from "./world.ts";

/** A person in their private chat with a bot. */
export class TestUser extends ChatSession {
  private readonly botUsername: string | undefined;

  constructor(world: World, account: UserAccount, botUsername?: string) {
    super(world, account);
    this.botUsername = botUsername;
  }

  get id(): number {
    return this.account.user.id;
  }

  /** The same person in their private chat with another bot. */
  withBot(username: string): TestUser {
    return new TestUser(this.world, this.account, username);
  }

  /** The same person acting in a group. */
  in(group: TestGroup, options: { bot?: string } = {}): GroupChatSession {
    return new GroupChatSession(this.world, this.account, group.id, options.bot);
  }

  /** Blocks the bot: its sends now fail with 403, and it gets a my_chat_member update. */
  blockBot(): void {
    this.setBlocked(true);
  }

  unblockBot(): void {
    this.setBlocked(false);
  }

  get hasBlockedBot(): boolean {
    return this.world.isBlocked(this.bot().id, this.id);
  }

  protected bot(): BotAccount {
    if (this.botUsername !== undefined) {
      const bot = this.world.botByUsername(this.botUsername);
      if (!bot) throw new Error(`No bot @${this.botUsername} is registered with the emulator`);
      return bot;
    }
    const bots = [...this.world.bots.values()];
    if (bots.length === 1) return bots[0] as BotAccount;
    if (bots.length === 0) throw new Error("No bot is registered: call emulator.createBot() first");
    const names = bots.map((bot) => `@${bot.user.username}`).join(", ");
    throw new Error(
      `Several bots are registered (${names}): pass { bot: 'username' } to createUser or use user.withBot()`,
    );
  }

  protected conversation(): Conversation {
    return this.world.privateConversation(this.bot().id, this.id);
  }

  protected checkCanAct(): void {
    if (this.hasBlockedBot)
      throw new Error(`${this.name} has blocked @${this.bot().user.username}: call unblockBot() first`);
  }

  protected deliverMessage(message: Message): Delivery {
    const bot = this.bot();
    this.world.markStarted(bot.id, this.id);
    const update = bot.queue.push({ message });
    return update ? { update } : { missedBecause: allowedUpdatesReason(bot, "message") };
  }

  private setBlocked(blocked: boolean): void {
    const bot = this.bot();
    if (this.world.isBlocked(bot.id, this.id) === blocked) return;
    this.world.setBlocked(bot.id, this.id, blocked);
    const [before, after]: [ChatMemberStatus, ChatMemberStatus] = blocked ? ["member", "kicked"] : ["kicked", "member"];
    const botUser = botAsSender(bot);
    bot.queue.push({
      my_chat_member: {
        chat: this.conversation().chat,
        from: this.user,
        date: this.world.now(),
        old_chat_member: memberOf(botUser, before),
        new_chat_member: memberOf(botUser, after),
      },
    });
  }
}
