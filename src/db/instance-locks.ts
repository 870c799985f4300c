// What keeps several instances of the bot out of each other's way, on
// PostgreSQL advisory locks:
// - a chat is handled by one instance at a time (conversation state is
//   last-write-wins, so two answers of one person handled at once on two
//   instances would lose one of them);
// - one instance polls Telegram (getUpdates allows one caller per token);
//   the others stand by and take over when its session ends.
// Session locks on one connection of their own, taken with the try- form and
// waited for in this process: a blocking pg_advisory_lock would hold a pooled
// connection per waiting chat. The embedded database serves one process
// (DATA_DIR is locked), so there only the in-process part remains.
import pg from "pg";

export interface ChatLocks {
  /** Runs `work` while no other update of this chat runs, in this process or another. */
  withChat<T>(chatId: number, work: () => Promise<T>): Promise<T>;
}

export type LeaderTerm = {
  /** Settles when leadership is lost (the lock's session ended). */
  lost: Promise<void>;
  resign(): Promise<void>;
};

export interface PollingLeadership {
  /** Waits until this instance leads; undefined when `signal` aborts first. */
  campaign(signal: AbortSignal): Promise<LeaderTerm | undefined>;
}

export type InstanceLocks = {
  chats: ChatLocks;
  /** The lead of polling for one bot (two bots may share a database). */
  polling(botId: number): PollingLeadership;
  close(): Promise<void>;
};

// Two-int keys (namespace, id) never meet the one-bigint keys of chats.
const LOCK_NAMESPACE = 0x4a53_424b; // "JSBK"
/** How often a standby instance asks for leadership; the issue allows 15 s for a take-over. */
export const CAMPAIGN_INTERVAL_MS = 3_000;
/** How often the leader checks that its lock's session is alive. */
const LEADER_HEARTBEAT_MS = 5_000;
const FIRST_WAIT_MS = 5;
const LONGEST_WAIT_MS = 100;

export function postgresInstanceLocks(url: string, onError: (error: Error) => void): InstanceLocks {
  const chatSession = new LockSession(url, onError);
  const leaderSession = new LockSession(url, onError);
  const inProcess = new ChatQueue();

  const chats: ChatLocks = {
    withChat: (chatId, work) =>
      inProcess.run(chatId, async () => {
        await waitFor(() => chatSession.tryLock("SELECT pg_try_advisory_lock($1::bigint) AS locked", [chatId]));
        try {
          return await work();
        } finally {
          await chatSession
            .query("SELECT pg_advisory_unlock($1::bigint)", [chatId])
            .catch((error: Error) => onError(error));
        }
      }),
  };

  const polling = (botId: number): PollingLeadership => ({
    async campaign(signal) {
      const key = botKey(botId);
      while (!signal.aborted) {
        const locked = await leaderSession
          .tryLock("SELECT pg_try_advisory_lock($1, $2) AS locked", [LOCK_NAMESPACE, key])
          .catch((error: Error) => {
            onError(error);
            return false;
          });
        if (locked) return leaderSession.term(LOCK_NAMESPACE, key);
        await sleep(CAMPAIGN_INTERVAL_MS, signal);
      }
      return undefined;
    },
  });

  return {
    chats,
    polling,
    close: async () => {
      await Promise.all([chatSession.close(), leaderSession.close()]);
    },
  };
}

/** One process holds the embedded database: only its own chats need ordering, and it always leads. */
export function singleInstanceLocks(): InstanceLocks {
  const inProcess = new ChatQueue();
  return {
    chats: { withChat: (chatId, work) => inProcess.run(chatId, work) },
    polling: () => ({
      campaign: async (signal) =>
        signal.aborted ? undefined : { lost: new Promise<void>(() => {}), resign: async () => {} },
    }),
    close: async () => {},
  };
}

/** Updates of one chat one after another within this process; chats in parallel. */
class ChatQueue {
  private readonly tails = new Map<number, Promise<unknown>>();

  async run<T>(chatId: number, work: () => Promise<T>): Promise<T> {
    const before = this.tails.get(chatId) ?? Promise.resolve();
    const mine = before.then(work, work);
    const tail = mine.catch(() => undefined);
    this.tails.set(chatId, tail);
    try {
      return await mine;
    } finally {
      if (this.tails.get(chatId) === tail) this.tails.delete(chatId);
    }
  }
}

/** A connection of its own, opened on first use and again after it broke. */
class LockSession {
  private client: Promise<pg.Client> | undefined;
  private ended: (() => void) | undefined;
  // pg deprecates overlapping queries on one client: they go one after another.
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly url: string,
    private readonly onError: (error: Error) => void,
  ) {}

  query(sql: string, params: unknown[]): Promise<pg.QueryResult> {
    const run = async () => (await this.connect()).query(sql, params);
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => undefined);
    return result;
  }

  async tryLock(sql: string, params: unknown[]): Promise<boolean> {
    const result = await this.query(sql, params);
    return result.rows[0]?.locked === true;
  }

  /** The lock just taken, until this session ends or resigns. */
  term(namespace: number, id: number): LeaderTerm {
    const lost = new Promise<void>((resolve) => {
      this.ended = resolve;
    });
    // A dead network is noticed only by asking.
    const heartbeat = setInterval(() => {
      this.query("SELECT 1", []).catch(() => this.drop());
    }, LEADER_HEARTBEAT_MS);
    heartbeat.unref();
    void lost.then(() => clearInterval(heartbeat));
    return {
      lost,
      resign: async () => {
        clearInterval(heartbeat);
        this.ended = undefined;
        await this.query("SELECT pg_advisory_unlock($1, $2)", [namespace, id]).catch(() => undefined);
      },
    };
  }

  async close(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    this.ended = undefined;
    if (client) await (await client.catch(() => undefined))?.end().catch(() => undefined);
  }

  private connect(): Promise<pg.Client> {
    this.client ??= (async () => {
      // UTC like the pool; the connection only ever holds locks.
      const client = new pg.Client({ connectionString: this.url, options: "-c TimeZone=UTC" });
      client.on("error", (error) => {
        this.onError(error);
        this.drop();
      });
      client.on("end", () => this.drop());
      await client.connect();
      return client;
    })().catch((error: unknown) => {
      this.client = undefined;
      throw error;
    });
    return this.client;
  }

  /** The session is gone, and with it every lock it held. */
  private drop(): void {
    const client = this.client;
    this.client = undefined;
    void client?.then((c) => c.end().catch(() => undefined)).catch(() => undefined);
    const ended = this.ended;
    this.ended = undefined;
    ended?.();
  }
}

/** A bot id (up to 2^40) as the lock's second int4. */
function botKey(botId: number): number {
  return botId % 2_147_483_647;
}

async function waitFor(attempt: () => Promise<boolean>): Promise<void> {
  let waitMs = FIRST_WAIT_MS;
  while (!(await attempt())) {
    await sleep(waitMs);
    waitMs = Math.min(LONGEST_WAIT_MS, waitMs * 2);
  }
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      "abort",
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}
