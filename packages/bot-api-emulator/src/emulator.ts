import { createBotAccount, type NewBot } from "./bot-account.ts";
import type { ApiCall } from "./call-log.ts";
import type { FaultOptions, FlakinessOptions } from "./faults.ts";
import type { StoredFile } from "./file-store.ts";
import type { BotGroupStatus, GroupRecord } from "./group-record.ts";
import { type HttpServerHandle, startHttpServer } from "./http-server.ts";
import { TestBot } from "./test-bot.ts";
import { TestGroup } from "./test-group.ts";
import { TestUser } from "./test-user.ts";
import type { ChatMemberStatus, ChatType } from "./types.ts";
import { createUserAccount, type NewUser } from "./user-account.ts";
import { waitUntil } from "./wait-until.ts";
import type { WebhookAttempt } from "./webhook-attempt.ts";
import { type Timing, World } from "./world.ts";

export interface EmulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: "127.0.0.1";
  /** Silence that ends a bot's answer in send()/press() (default 150 ms). */
  quietMs?: number;
  /** How long send()/press() wait for an answer (default 5000 ms). */
  timeoutMs?: number;
  /**
   * Behave like a self-hosted `telegram-bot-api --local`: setWebhook accepts http:// URLs
   * and any port (default false: HTTPS on 443, 80, 88 or 8443, as api.telegram.org).
   */
  localMode?: boolean;
  /** How long a webhook may take to answer an update before it is retried (default 60000 ms, as Telegram). */
  webhookTimeoutMs?: number;
  /** The wait before the first retry of an update the webhook failed; doubles up to 60 s (default 1000 ms). */
  webhookRetryMs?: number;
}

export interface NewTestUser extends NewUser {
  /** Username of the bot this person talks to, when several bots are registered. */
  bot?: string;
  /** The person pressed Start some time before the test: bots may write to them first. */
  hasStartedBot?: boolean;
}

export interface NewGroup {
  id?: number;
  title: string;
  /** Default 'supergroup'. */
  type?: Extract<ChatType, "group" | "supergroup">;
  /** A public @username for the group, usable as chat_id. */
  username?: string;
  members: TestUser[];
  /** Members with the administrator role. */
  admins?: TestUser[];
  /** The creator; defaults to the first member. */
  owner?: TestUser;
  /** Usernames of the bots in the group; default every bot, including bots created later. */
  bots?: string[];
  /** Role of those bots; default 'administrator' (a 'member' bot is subject to privacy mode). */
  botStatus?: BotGroupStatus;
}

export class Emulator {
  readonly apiRoot: string;
  private readonly world: World;
  private readonly server: HttpServerHandle;
  private readonly groupsWithAllBots = new Map<GroupRecord, BotGroupStatus>();
  private closing: Promise<void> | undefined;
  private nextUserId = 100_000_001;
  private nextGroupNumber = 1;

  constructor(world: World, server: HttpServerHandle) {
    this.world = world;
    this.server = server;
    this.apiRoot = server.apiRoot;
  }

  get timing(): Timing {
    return this.world.timing;
  }

  /** Changes the default quiet period and timeout of send()/press(). */
  setTiming(timing: Partial<Timing>): void {
    Object.assign(this.world.timing, timing);
  }

  createBot(input: NewBot): TestBot {
    const account = createBotAccount(input);
    if (!/bot$/i.test(input.username)) throw new Error(`Telegram bot usernames end in "bot": "${input.username}"`);
    if (this.world.bots.has(account.id)) throw new Error(`A bot with id ${account.id} already exists`);
    if (this.world.botByUsername(input.username)) throw new Error(`A bot @${input.username} already exists`);
    this.world.bots.set(account.id, account);
    for (const [group, status] of this.groupsWithAllBots) group.bots.set(account.id, status);
    return new TestBot(account, this.world.webhooks);
  }

  bot(username: string): TestBot {
    const account = this.world.botByUsername(username);
    if (!account) throw new Error(`No bot @${username} is registered`);
    return new TestBot(account, this.world.webhooks);
  }

  createUser(input: NewTestUser): TestUser {
    const id = input.id ?? this.freeUserId();
    if (this.world.users.has(id) || this.world.bots.has(id)) throw new Error(`User id ${id} is already taken`);
    const account = createUserAccount(input, id);
    this.world.users.set(id, account);
    if (input.hasStartedBot) {
      for (const bot of this.world.bots.values()) this.world.markStarted(bot.id, id);
    }
    return new TestUser(this.world, account, input.bot);
  }

  createGroup(input: NewGroup): TestGroup {
    const type = input.type ?? "supergroup";
    const id = input.id ?? this.freeGroupId(type);
    if (id >= 0) throw new Error(`Group ids are negative in the Bot API: ${id}`);
    if (this.world.groups.has(id)) throw new Error(`Group id ${id} is already taken`);
    const record: GroupRecord = {
      chat: { id, type, title: input.title, ...(input.username ? { username: input.username } : {}) },
      members: membersOf(input),
      bots: new Map(),
    };
    this.addGroupBots(record, input);
    this.world.groups.set(id, record);
    return new TestGroup(this.world, record);
  }

  /** The next matching calls fail ('*' = any method but getUpdates). */
  failNext(method: string, options: FaultOptions): void {
    this.world.faults.failNext(method, options);
  }

  /** Every method answers this status (e.g. 500) until called again with null. */
  setOutage(statusCode: number | null, description?: string): void {
    this.world.faults.setOutage(statusCode, description);
  }

  /** A storm: matching calls fail at random until called again with null. */
  setFlaky(options: FlakinessOptions | null): void {
    this.world.faults.setFlaky(options);
  }

  get calls(): readonly ApiCall[] {
    return this.world.calls.all;
  }

  callsTo(method: string): ApiCall[] {
    return this.world.calls.to(method);
  }

  /** Every POST of an update to the bot's webhook so far, oldest first; by username or token. */
  webhookAttempts(bot: string): readonly WebhookAttempt[] {
    const account = this.world.botByUsername(bot) ?? this.world.botByToken(bot);
    if (!account) throw new Error(`No bot ${bot} is registered`);
    return this.world.webhooks.attemptsOf(account.id);
  }

  /** A file the bot sent or a user uploaded, with its bytes. */
  file(fileId: string): StoredFile | undefined {
    return this.world.files.get(fileId);
  }

  /** Waits until the predicate holds; re-checked after every API call, webhook attempt and every 25 ms. */
  waitFor(predicate: () => boolean | Promise<boolean>, timeoutMs = this.world.timing.timeoutMs): Promise<void> {
    return waitUntil(predicate, {
      timeoutMs,
      triggers: [this.world.calls.added, this.world.webhooks.attempted],
      describe: "emulator.waitFor: the condition never became true",
    });
  }

  /** Answers pending long polls, abandons webhook requests, closes the server and every connection. */
  close(): Promise<void> {
    this.closing ??= this.server.close();
    return this.closing;
  }

  private freeUserId(): number {
    while (this.world.users.has(this.nextUserId) || this.world.bots.has(this.nextUserId)) this.nextUserId++;
    return this.nextUserId++;
  }

  // Basic groups have ids like -4000000001, supergroups -100 followed by ten digits.
  private freeGroupId(type: ChatType): number {
    const base = type === "group" ? -4_000_000_000 : -1_001_000_000_000;
    let id = base - this.nextGroupNumber++;
    while (this.world.groups.has(id)) id = base - this.nextGroupNumber++;
    return id;
  }

  private addGroupBots(record: GroupRecord, input: NewGroup): void {
    const status = input.botStatus ?? "administrator";
    if (input.bots === undefined) {
      this.groupsWithAllBots.set(record, status);
      for (const id of this.world.bots.keys()) record.bots.set(id, status);
      return;
    }
    for (const username of input.bots) {
      const bot = this.world.botByUsername(username);
      if (!bot) throw new Error(`No bot @${username} is registered`);
      record.bots.set(bot.id, status);
    }
  }
}

function membersOf(input: NewGroup): Map<number, ChatMemberStatus> {
  const members = new Map<number, ChatMemberStatus>();
  for (const member of input.members) members.set(member.id, "member");
  for (const admin of input.admins ?? []) members.set(admin.id, "administrator");
  const owner = input.owner ?? input.members[0];
  if (owner) members.set(owner.id, "creator");
  return members;
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const world = new World(
    { quietMs: options.quietMs ?? 150, timeoutMs: options.timeoutMs ?? 5000 },
    {
      localMode: options.localMode ?? false,
      timeoutMs: options.webhookTimeoutMs ?? 60_000,
      retryMs: options.webhookRetryMs ?? 1000,
    },
  );
  const server = await startHttpServer(world, options.port ?? 0, options.host ?? "127.0.0.1");
  return new Emulator(world, server);
}
