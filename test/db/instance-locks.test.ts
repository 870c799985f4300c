// What keeps two instances out of each other's way on one PostgreSQL: the
// webhook gate (ledger + chat lock) handles an update delivered to both at
// once exactly once, and the chat lock keeps one chat to one instance at a
// time, also after its session was cut.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BotContext } from "../../src/bot/context.ts";
import { webhookGate } from "../../src/bot/middleware/webhook-gate.ts";
import { type Database, openDatabase } from "../../src/db/database.ts";
import { postgresInstanceLocks } from "../../src/db/instance-locks.ts";
import { createLogger } from "../../src/logger.ts";
import { systemClock } from "../../src/services/clock.ts";
import { createUpdateLedger } from "../../src/services/update-ledger.ts";
import { type TestDatabase, temporaryPostgres } from "../support/databases.ts";
import { testCipher } from "../support/test-keys.ts";

const serverUrl = process.env.TEST_DATABASE_URL;
let database: TestDatabase;
let db: Database;
let url: string;

beforeAll(async () => {
  if (!serverUrl) return;
  database = await temporaryPostgres(serverUrl);
  url = (database.settings as { url: string }).url;
  db = await openDatabase(database.settings, { cipher: testCipher });
});

afterAll(async () => {
  await db?.close();
  await database?.drop();
});

const noErrors = (error: Error) => {
  throw error;
};

describe.runIf(serverUrl)("two instances on one database", () => {
  it("handle each of 300 updates once when every update reaches both at the same moment", async () => {
    const instances = [postgresInstanceLocks(url, noErrors), postgresInstanceLocks(url, noErrors)];
    const ledger = createUpdateLedger(db.work, systemClock);
    const gates = instances.map((locks) => webhookGate({ ledger, locks: locks.chats, logger: createLogger("silent") }));
    const handled = new Map<number, number>();
    try {
      await Promise.all(
        Array.from({ length: 300 }, async (_, n) => {
          const update = { update_id: 50_000 + n, message: { chat: { id: 7_000 + (n % 20) } } };
          const ctx = { update, chat: update.message.chat, from: undefined } as unknown as BotContext;
          const next = async () => {
            handled.set(update.update_id, (handled.get(update.update_id) ?? 0) + 1);
          };
          await Promise.all(gates.map((gate) => gate.middleware(ctx, next)));
        }),
      );
    } finally {
      await Promise.all(instances.map((locks) => locks.close()));
    }
    expect(handled.size).toBe(300);
    expect([...handled.values()].filter((times) => times > 1)).toEqual([]);
  });

  it("keep a chat to one instance at a time, chats in parallel", async () => {
    const instances = [postgresInstanceLocks(url, noErrors), postgresInstanceLocks(url, noErrors)];
    const running = new Map<number, number>();
    let mostInOneChat = 0;
    let mostAtOnce = 0;
    let now = 0;
    try {
      await Promise.all(
        Array.from({ length: 40 }, (_, n) =>
          instances[n % 2]!.chats.withChat(-1_001_000_000_000 - (n % 4), async () => {
            const chat = n % 4;
            running.set(chat, (running.get(chat) ?? 0) + 1);
            now++;
            mostInOneChat = Math.max(mostInOneChat, running.get(chat)!);
            mostAtOnce = Math.max(mostAtOnce, now);
            await new Promise((resolve) => setTimeout(resolve, 20));
            running.set(chat, running.get(chat)! - 1);
            now--;
          }),
        ),
      );
    } finally {
      await Promise.all(instances.map((locks) => locks.close()));
    }
    expect(mostInOneChat).toBe(1);
    expect(mostAtOnce).toBeGreaterThan(1);
  });

  it("give the polling lead to one instance, and to the other when the first resigns", async () => {
    const [first, second] = [postgresInstanceLocks(url, noErrors), postgresInstanceLocks(url, noErrors)];
    const botId = 7_000_000_061;
    try {
      const term = await first.polling(botId).campaign(new AbortController().signal);
      expect(term).toBeDefined();
      const waiting = new AbortController();
      let secondLeads = false;
      const campaign = second
        .polling(botId)
        .campaign(waiting.signal)
        .then((t) => {
          secondLeads = t !== undefined;
          return t;
        });
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(secondLeads).toBe(false);
      // Another bot on the same database leads on its own.
      expect(await second.polling(botId + 1).campaign(new AbortController().signal)).toBeDefined();
      await term!.resign();
      const next = await campaign;
      expect(next).toBeDefined();
    } finally {
      await Promise.all([first.close(), second.close()]);
    }
  }, 15_000);
});
