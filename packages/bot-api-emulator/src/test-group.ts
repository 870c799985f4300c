import type { BotGroupStatus, GroupRecord } from "./group-record.ts";
import type { Chat, ChatMemberStatus } from "./types.ts";
import type { World } from "./world.ts";

/** A group created for a test; people act in it through `user.in(group)`. */
export class TestGroup {
  private readonly world: World;
  private readonly record: GroupRecord;

  constructor(world: World, record: GroupRecord) {
    this.world = world;
    this.record = record;
  }

  get id(): number {
    return this.record.chat.id;
  }

  get chat(): Chat {
    return this.record.chat;
  }

  memberStatus(user: { id: number }): ChatMemberStatus {
    return this.record.members.get(user.id) ?? this.record.bots.get(user.id) ?? "left";
  }

  /** Changes a person's role, e.g. to test what a removed admin may still do. */
  setMemberStatus(user: { id: number }, status: ChatMemberStatus): void {
    this.record.members.set(user.id, status);
  }

  addBot(username: string, status: BotGroupStatus = "administrator"): void {
    const bot = this.world.botByUsername(username);
    if (!bot) throw new Error(`No bot @${username} is registered with the emulator`);
    this.record.bots.set(bot.id, status);
  }

  removeBot(username: string): void {
    const bot = this.world.botByUsername(username);
    if (bot) this.record.bots.delete(bot.id);
  }
}
