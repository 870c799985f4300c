import type { BotGroupStatus, GroupRecord } from "./group-record.ts";
import type { Chat, ChatMemberStatus, Message } from "./types.ts";
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

  /**
   * What Telegram does when a basic group becomes a supergroup (it grew, or an
   * admin turned on a supergroup-only setting): a supergroup with a new id
   * and the same people; every bot of the group gets the service message
   * `migrate_to_chat_id` from the old chat and `migrate_from_chat_id` from
   * the new one; the old id answers 400 with `parameters.migrate_to_chat_id`.
   * Returns the supergroup (act in it with `user.in(supergroup)`).
   */
  upgradeToSupergroup(by: { id: number }, newId?: number): TestGroup {
    if (this.record.chat.type !== "group") throw new Error(`"${this.record.chat.title}" is not a basic group`);
    if (this.record.migratedTo !== undefined) throw new Error(`"${this.record.chat.title}" was already upgraded`);
    const id = newId ?? Number(`-100${String(-this.id).padStart(10, "0")}`);
    if (this.world.groups.has(id)) throw new Error(`Group id ${id} is already taken`);
    const from = this.world.users.get(by.id)?.user;
    if (!from) throw new Error(`Unknown user ${by.id}`);
    const supergroup: GroupRecord = {
      chat: { ...this.record.chat, id, type: "supergroup" },
      members: new Map(this.record.members),
      bots: new Map(this.record.bots),
    };
    this.world.groups.set(id, supergroup);
    this.record.migratedTo = id;
    const old = this.world.groupConversation(this.id);
    const fresh = this.world.groupConversation(id);
    const date = this.world.now();
    const messages: Message[] = [
      old.add({ message_id: old.allocateMessageId(), from, chat: old.chat, date, migrate_to_chat_id: id }),
      fresh.add({ message_id: fresh.allocateMessageId(), from, chat: fresh.chat, date, migrate_from_chat_id: this.id }),
    ];
    // Service messages reach every bot of the group, whatever its privacy mode.
    for (const botId of this.record.bots.keys()) {
      const bot = this.world.bots.get(botId);
      for (const message of messages) bot?.queue.push({ message });
    }
    return new TestGroup(this.world, supergroup);
  }
}
