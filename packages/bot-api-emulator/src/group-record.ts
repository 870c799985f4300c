import type { Chat, ChatMemberStatus } from "./types.ts";

export type BotGroupStatus = "administrator" | "member";

/** A group or supergroup: who is in it and in what role. */
export interface GroupRecord {
  readonly chat: Chat;
  readonly members: Map<number, ChatMemberStatus>;
  /** Bots in the group. A member bot with privacy mode on only sees commands, replies and mentions. */
  readonly bots: Map<number, BotGroupStatus>;
  /** A basic group upgraded to a supergroup: its new id (the old one then answers 400 with it). */
  migratedTo?: number;
}
