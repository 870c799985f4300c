import type { BotCommand, User } from "./types.ts";
import { UpdateQueue } from "./update-queue.ts";

export interface WebhookSettings {
  url: string;
  maxConnections: number;
  secretToken: string | undefined;
}

/** A bot registered with createBot, with everything it has told the API about itself. */
export interface BotAccount {
  readonly id: number;
  readonly token: string;
  readonly user: User;
  readonly queue: UpdateQueue;
  /** setMyCommands lists keyed by `commandsKey(scope, languageCode)`. */
  readonly commands: Map<string, BotCommand[]>;
  readonly descriptions: Map<string, string>;
  readonly shortDescriptions: Map<string, string>;
  /** setChatMenuButton values keyed by chat id, or "default". */
  readonly menuButtons: Map<string, unknown>;
  webhook: WebhookSettings | undefined;
}

export interface NewBot {
  token: string;
  username: string;
  firstName?: string;
  canJoinGroups?: boolean;
  canReadAllGroupMessages?: boolean;
  supportsInlineQueries?: boolean;
  /**
   * The first update_id (default 1). A bot that keeps its update ledger
   * between runs against a new emulator needs ids that go on growing, as
   * Telegram's do.
   */
  firstUpdateId?: number;
}

export function createBotAccount(input: NewBot): BotAccount {
  const id = botIdFromToken(input.token);
  return {
    id,
    token: input.token,
    user: {
      id,
      is_bot: true,
      first_name: input.firstName ?? input.username,
      username: input.username,
      can_join_groups: input.canJoinGroups ?? true,
      can_read_all_group_messages: input.canReadAllGroupMessages ?? false,
      supports_inline_queries: input.supportsInlineQueries ?? false,
    },
    queue: new UpdateQueue(input.firstUpdateId),
    commands: new Map(),
    descriptions: new Map(),
    shortDescriptions: new Map(),
    menuButtons: new Map(),
    webhook: undefined,
  };
}

export function botIdFromToken(token: string): number {
  const match = /^(\d+):[A-Za-z0-9_-]+$/.exec(token);
  if (!match) throw new Error(`Bot token "${token}" is not in the form "<digits>:<secret>" that Telegram issues`);
  return Number(match[1]);
}

/** getMe's answer: the bot's user with the capability flags only getMe carries. */
export function getMeResult(bot: BotAccount): User {
  return { ...bot.user };
}

/** A bot as it appears in messages it sent (`from`), without getMe-only flags. */
export function botAsSender(bot: BotAccount): User {
  const { id, is_bot, first_name, username } = bot.user;
  return username === undefined ? { id, is_bot, first_name } : { id, is_bot, first_name, username };
}
