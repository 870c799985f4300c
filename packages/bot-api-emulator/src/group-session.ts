import type { BotAccount } from "./bot-account.ts";
import { allowedUpdatesReason, ChatSession, type Delivery } from "./chat-session.ts";
import type { Conversation } from "./conversation.ts";
import { botSeesGroupMessage } from "./group-privacy.ts";
import type { GroupRecord } from "./group-record.ts";
import type { Message, Update } from "./types.ts";
import type { UserAccount } from "./user-account.ts";
import type { World } from "./world.ts";

/** A person acting in a group; waits for the answer of one bot of the group. */
export class GroupChatSession extends ChatSession {
  private readonly groupId: number;
  private readonly botUsername: string | undefined;

  constructor(world: World, account: UserAccount, groupId: number, botUsername?: string) {
    super(world, account);
    this.groupId = groupId;
    this.botUsername = botUsername;
  }

  private group(): GroupRecord {
    const group = this.world.groups.get(this.groupId);
    if (!group) throw new Error(`Unknown group ${this.groupId}`);
    return group;
  }

  protected bot(): BotAccount {
    const group = this.group();
    const bots = [...group.bots.keys()].map((id) => this.world.bots.get(id)).filter((bot) => bot !== undefined);
    if (this.botUsername !== undefined) {
      const wanted = this.botUsername.replace(/^@/, "").toLowerCase();
      const bot = bots.find((candidate) => candidate.user.username?.toLowerCase() === wanted);
      if (!bot) throw new Error(`@${wanted} is not in the group "${group.chat.title}"`);
      return bot;
    }
    if (bots.length === 1) return bots[0] as BotAccount;
    if (bots.length === 0) throw new Error(`The group "${group.chat.title}" has no bot`);
    throw new Error(`The group "${group.chat.title}" has several bots: use user.in(group, { bot: 'username' })`);
  }

  protected conversation(): Conversation {
    return this.world.groupConversation(this.groupId);
  }

  protected checkCanAct(): void {
    const status = this.group().members.get(this.user.id);
    if (status === undefined || status === "left" || status === "kicked") {
      throw new Error(`${this.name} is not a member of the group "${this.group().chat.title}"`);
    }
  }

  protected deliverMessage(message: Message): Delivery {
    const target = this.bot();
    let targetUpdate: Update | undefined;
    let targetSees = false;
    for (const [botId, status] of this.group().bots) {
      const bot = this.world.bots.get(botId);
      if (!bot || !botSeesGroupMessage(bot, status, message)) continue;
      const update = bot.queue.push({ message });
      if (bot !== target) continue;
      targetSees = true;
      targetUpdate = update;
    }
    if (targetUpdate) return { update: targetUpdate };
    if (!targetSees) {
      return { missedBecause: "privacy mode: as a plain member it only gets commands, replies to it and mentions" };
    }
    return { missedBecause: allowedUpdatesReason(target, "message") };
  }
}
