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
import { sleep } from "../sleep.ts";

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

// Every lock here takes the two-int form, apart from the one-bigint keys of
// the migrations (src/db/migrate.ts). A chat id is split into its high and
// low 32 bits; the leader's namespace as a high part would be a chat id
// beyond 2^62, which Telegram never gives.
const LOCK_NAMESPACE = 0x4a53_424b; // "JSBK"
/** How often a standby instance asks for leadership; the issue allows 15 s for a take-over. */
export const CAMPAIGN_INTERVAL_MS = 3_000;
/** How often the leader checks that its lock's session is alive. */
const LEADER_HEARTBEAT_MS = 5_000;
/** Connecting and each query; a hung session is dropped rather than waited for. */
const SESSION_TIMEOUT_MS = 5_000;
const FIRST_WAIT_MS = 5;
const LONGEST_WAIT_MS = 100;

export function postgresInstanceLocks(url: string, onError: (error: Error) => void): InstanceLocks {
  const chatSession = new LockSession(url, onError);
  const leaderSession = new LockSession(url, onError);
  const inProcess = new ChatQueue();

  const chats: ChatLocks = {
    withChat: (chatId, work) =>
      inProcess.run(chatId, async () => {
        const key = chatKey(chatId);
        await waitFor(() => chatSession.tryLock("SELECT pg_try_advisory_lock($1, $2) AS locked", key));
        const generation = chatSession.generation;
        try {
          return await work();
        } finally {
          // The session ended meanwhile, and every lock with it: another
          // instance may have had this chat. Rare (a database restart); said.
          if (chatSession.generation !== generation) onError(new Error("a chat lock was lost with its session"));
          else
            await chatSession.query("SELECT pg_advisory_unlock($1, $2)", key).catch((error: Error) => onError(error));
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
  /** Counts the sessions: a lock taken in one generation is gone in the next. */
  generation = 0;
  private client: Promise<pg.Client> | undefined;
  private ended: (() => void) | undefined;
  private closed = false;
  // pg deprecates overlapping queries on one client: they go one after another.
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly url: string,
    private readonly onError: (error: Error) => void,
  ) {}

  query(sql: string, params: unknown[]): Promise<pg.QueryResult> {
    // These statements fail only when the session does (a timeout, a broken
    // connection): a new one is opened for the next.
    const run = async () => {
      const client = await this.connect();
      return client.query(sql, params).catch((error: unknown) => {
        if (this.client !== undefined) this.drop();
        throw error;
      });
    };
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
    // A dead network is noticed only by asking (each query times out).
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
    this.closed = true;
    const client = this.client;
    this.client = undefined;
    this.ended = undefined;
    if (client) await (await client.catch(() => undefined))?.end().catch(() => undefined);
  }

  private connect(): Promise<pg.Client> {
    if (this.closed) return Promise.reject(new Error("the lock session is closed"));
    this.client ??= (async () => {
      const client = new pg.Client({
        connectionString: this.url,
        connectionTimeoutMillis: SESSION_TIMEOUT_MS,
        query_timeout: SESSION_TIMEOUT_MS,
        keepAlive: true,
        keepAliveInitialDelayMillis: 5_000,
        // The server notices a dead host within ~11 s and frees its locks:
        // a standby then takes the lead within the 15 s the issue allows.
        options: "-c TimeZone=UTC -c tcp_keepalives_idle=5 -c tcp_keepalives_interval=2 -c tcp_keepalives_count=3",
      });
      const mine = (): boolean => this.client === connecting;
      client.on("error", (error) => {
        this.onError(error);
        if (mine()) this.drop();
      });
      client.on("end", () => {
        if (mine()) this.drop();
      });
      await client.connect();
      return client;
    })().catch((error: unknown) => {
      if (this.client === connecting) this.client = undefined;
      throw error;
    });
    const connecting = this.client;
    return connecting;
  }

  /** The session is gone, and with it every lock it held. */
  private drop(): void {
    const client = this.client;
    this.client = undefined;
    this.generation++;
    void client?.then((c) => c.end().catch(() => undefined)).catch(() => undefined);
    const ended = this.ended;
    this.ended = undefined;
    ended?.();
  }
}

/** A chat id as two int4: its high and low 32 bits. */
function chatKey(chatId: number): [number, number] {
  const high = Math.floor(chatId / 2 ** 32);
  const low = chatId - high * 2 ** 32;
  return [high, low >= 2 ** 31 ? low - 2 ** 32 : low];
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
