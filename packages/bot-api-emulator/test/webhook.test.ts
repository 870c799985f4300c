import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Bot, webhookCallback } from "grammy";
import { afterEach, describe, expect, it } from "vitest";
import { type EmulatorOptions, startEmulator, type Update } from "../src/index.ts";
import { BOT_USERNAME, createHarness, type Harness, TOKEN } from "./helpers.ts";

interface Received {
  headers: IncomingHttpHeaders;
  update: Update;
  /** Answers the request; the receiver's handler decides when. */
  answer(status: number): void;
}

/** A tiny webhook endpoint: records each request and lets the test answer it. */
interface Receiver {
  readonly url: string;
  readonly port: number;
  readonly received: Received[];
  /** Requests not answered yet. */
  readonly open: Set<Received>;
  /** Most requests open at the same time. */
  readonly peak: number;
  close(): Promise<void>;
}

type Handler = (request: Received) => void;

const answerOk: Handler = (request) => request.answer(200);

async function startReceiver(handler: Handler = answerOk, port = 0): Promise<Receiver> {
  const received: Received[] = [];
  const open = new Set<Received>();
  let peak = 0;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const request: Received = {
        headers: req.headers,
        update: JSON.parse(Buffer.concat(chunks).toString("utf8")) as Update,
        answer: (status) => {
          open.delete(request);
          res.writeHead(status).end();
        },
      };
      received.push(request);
      open.add(request);
      peak = Math.max(peak, open.size);
      handler(request);
    });
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const actualPort = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${actualPort}/hook`,
    port: actualPort,
    received,
    open,
    get peak() {
      return peak;
    },
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A port nothing listens on (for a moment): connections to it are refused. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function textOf(request: Received): string | undefined {
  return request.update.message?.text;
}

describe("webhook delivery", () => {
  let h: Harness;
  const receivers: Receiver[] = [];

  async function setUp(options: EmulatorOptions = {}): Promise<Harness> {
    h = await createHarness({ localMode: true, webhookRetryMs: 50, ...options });
    return h;
  }

  async function receiver(handler?: Handler, port?: number): Promise<Receiver> {
    const started = await startReceiver(handler, port);
    receivers.push(started);
    return started;
  }

  afterEach(async () => {
    await h.stop();
    for (const started of receivers.splice(0)) {
      for (const request of started.open) request.answer(200);
      await started.close();
    }
  });

  it("POSTs each update as JSON with the secret token header, and a 2xx confirms it", async () => {
    await setUp();
    const hook = await receiver();
    await h.bot.api.setWebhook(hook.url, { secret_token: "s3cret_Token-1" });
    const alice = h.emulator.createUser({ firstName: "Alice" });
    alice.post("hello");
    await h.emulator.waitFor(() => h.emulator.bot(BOT_USERNAME).pendingUpdateCount === 0);
    expect(hook.received).toHaveLength(1);
    const [request] = hook.received;
    expect(request?.headers["content-type"]).toBe("application/json");
    expect(request?.headers["x-telegram-bot-api-secret-token"]).toBe("s3cret_Token-1");
    expect(request?.update).toMatchObject({ update_id: 1, message: { text: "hello", from: { id: alice.id } } });
    expect(h.emulator.webhookAttempts(BOT_USERNAME)).toMatchObject([{ updateId: 1, ok: true, status: 200 }]);
    expect(h.emulator.bot(BOT_USERNAME).webhookAttempts).toEqual(h.emulator.webhookAttempts(TOKEN));
    const info = await h.bot.api.getWebhookInfo();
    expect(info).toMatchObject({ url: hook.url, pending_update_count: 0, max_connections: 40 });
    expect(info.last_error_message).toBeUndefined();
  });

  it("sends no secret header when none was given", async () => {
    await setUp();
    const hook = await receiver();
    await h.bot.api.setWebhook(hook.url);
    h.emulator.createUser({ firstName: "Alice" }).post("hi");
    await h.emulator.waitFor(() => hook.received.length === 1);
    expect(hook.received[0]?.headers["x-telegram-bot-api-secret-token"]).toBeUndefined();
  });

  it("keeps an update the webhook answered 500 and retries it after the back-off", async () => {
    await setUp({ webhookRetryMs: 200 });
    let calls = 0;
    const hook = await receiver((request) => request.answer(++calls === 1 ? 500 : 200));
    await h.bot.api.setWebhook(hook.url);
    h.emulator.createUser({ firstName: "Alice" }).post("again");
    await h.emulator.waitFor(() => h.emulator.webhookAttempts(BOT_USERNAME).length === 1);
    const failed = await h.bot.api.getWebhookInfo();
    expect(failed.pending_update_count).toBe(1);
    expect(failed.last_error_message).toBe("Wrong response from the webhook: 500 Internal Server Error");
    expect(Math.abs((failed.last_error_date ?? 0) - Date.now() / 1000)).toBeLessThan(5);
    await h.emulator.waitFor(() => h.emulator.bot(BOT_USERNAME).pendingUpdateCount === 0);
    const attempts = h.emulator.webhookAttempts(BOT_USERNAME);
    expect(attempts).toMatchObject([
      { updateId: 1, ok: false, status: 500, error: "Wrong response from the webhook: 500 Internal Server Error" },
      { updateId: 1, ok: true, status: 200 },
    ]);
    const [first, second] = attempts;
    expect((second?.time ?? 0) - ((first?.time ?? 0) + (first?.ms ?? 0))).toBeGreaterThanOrEqual(180);
    expect(hook.received.map((request) => request.update.update_id)).toEqual([1, 1]);
  });

  it("doubles the wait after each failure and words a 503 as Telegram does", async () => {
    await setUp({ webhookRetryMs: 100 });
    const hook = await receiver((request) => request.answer(503));
    await h.bot.api.setWebhook(hook.url);
    h.emulator.createUser({ firstName: "Alice" }).post("down");
    await h.emulator.waitFor(() => h.emulator.webhookAttempts(BOT_USERNAME).length === 3);
    const times = h.emulator.webhookAttempts(BOT_USERNAME).map((attempt) => attempt.time);
    expect((times[1] ?? 0) - (times[0] ?? 0)).toBeGreaterThanOrEqual(90);
    expect((times[2] ?? 0) - (times[1] ?? 0)).toBeGreaterThanOrEqual(190);
    expect((await h.bot.api.getWebhookInfo()).last_error_message).toBe(
      "Wrong response from the webhook: 503 Service Unavailable",
    );
  });

  it("delivers two chats concurrently but each chat's updates one at a time, in order", async () => {
    await setUp();
    const hook = await receiver(() => {});
    await h.bot.api.setWebhook(hook.url);
    const alice = h.emulator.createUser({ firstName: "Alice" });
    const bob = h.emulator.createUser({ firstName: "Bob" });
    alice.post("a1");
    alice.post("a2");
    bob.post("b1");
    bob.post("b2");
    await h.emulator.waitFor(() => hook.open.size === 2);
    expect(hook.received.map(textOf)).toEqual(["a1", "b1"]);
    // Answering Bob's first lets his second through; Alice's second still waits.
    hook.received[1]?.answer(200);
    await h.emulator.waitFor(() => hook.received.length === 3);
    expect(textOf(hook.received[2]!)).toBe("b2");
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(hook.received).toHaveLength(3);
    hook.received[0]?.answer(200);
    await h.emulator.waitFor(() => hook.received.length === 4);
    expect(textOf(hook.received[3]!)).toBe("a2");
    for (const request of [...hook.open]) request.answer(200);
    await h.emulator.waitFor(() => h.emulator.bot(BOT_USERNAME).pendingUpdateCount === 0);
    expect(hook.peak).toBe(2);
  });

  it("a failed update holds back the later updates of its chat only", async () => {
    await setUp({ webhookRetryMs: 300 });
    const hook = await receiver((request) =>
      request.answer(textOf(request) === "a1" && hook.received.length === 1 ? 500 : 200),
    );
    await h.bot.api.setWebhook(hook.url);
    const alice = h.emulator.createUser({ firstName: "Alice" });
    const bob = h.emulator.createUser({ firstName: "Bob" });
    alice.post("a1");
    alice.post("a2");
    bob.post("b1");
    await h.emulator.waitFor(() => h.emulator.bot(BOT_USERNAME).pendingUpdateCount === 0);
    expect(hook.received.map(textOf)).toEqual(["a1", "b1", "a1", "a2"]);
  });

  it("never has more than max_connections requests open", async () => {
    await setUp();
    const hook = await receiver((request) => setTimeout(() => request.answer(200), 60));
    await h.bot.api.setWebhook(hook.url, { max_connections: 2 });
    for (let index = 0; index < 6; index++) h.emulator.createUser({ firstName: `User ${index}` }).post(`m${index}`);
    await h.emulator.waitFor(() => h.emulator.bot(BOT_USERNAME).pendingUpdateCount === 0);
    expect(hook.received).toHaveLength(6);
    expect(hook.peak).toBe(2);
    expect((await h.bot.api.getWebhookInfo()).max_connections).toBe(2);
  });

  it("retries after 'Connection refused' until the receiver comes up", async () => {
    await setUp();
    const port = await freePort();
    await h.bot.api.setWebhook(`http://127.0.0.1:${port}/hook`);
    h.emulator.createUser({ firstName: "Alice" }).post("are you there?");
    await h.emulator.waitFor(() => h.emulator.webhookAttempts(BOT_USERNAME).length >= 1);
    expect(h.emulator.webhookAttempts(BOT_USERNAME)[0]).toMatchObject({ ok: false, error: "Connection refused" });
    expect(h.emulator.webhookAttempts(BOT_USERNAME)[0]?.status).toBeUndefined();
    expect(await h.bot.api.getWebhookInfo()).toMatchObject({
      pending_update_count: 1,
      last_error_message: "Connection refused",
    });
    const hook = await receiver(answerOk, port);
    await h.emulator.waitFor(() => h.emulator.bot(BOT_USERNAME).pendingUpdateCount === 0);
    expect(hook.received.map(textOf)).toEqual(["are you there?"]);
    expect(h.emulator.webhookAttempts(BOT_USERNAME).at(-1)).toMatchObject({ ok: true, status: 200 });
  });

  it("gives up on a silent webhook after webhookTimeoutMs and retries", async () => {
    await setUp({ webhookTimeoutMs: 150 });
    const hook = await receiver((request) => {
      if (hook.received.length > 1) request.answer(200);
    });
    await h.bot.api.setWebhook(hook.url);
    h.emulator.createUser({ firstName: "Alice" }).post("slow");
    await h.emulator.waitFor(() => h.emulator.bot(BOT_USERNAME).pendingUpdateCount === 0);
    const [first, second] = h.emulator.webhookAttempts(BOT_USERNAME);
    expect(first).toMatchObject({ ok: false, error: "Read timeout expired" });
    expect(first?.ms).toBeGreaterThanOrEqual(140);
    expect(second).toMatchObject({ ok: true });
  });

  it("deleteWebhook stops delivery; the request in flight still confirms, getUpdates takes the rest", async () => {
    await setUp();
    const hook = await receiver(() => {});
    await h.bot.api.setWebhook(hook.url);
    const alice = h.emulator.createUser({ firstName: "Alice" });
    alice.post("one");
    alice.post("two");
    await h.emulator.waitFor(() => hook.open.size === 1);
    await h.bot.api.deleteWebhook();
    expect((await h.bot.api.getWebhookInfo()).url).toBe("");
    hook.received[0]?.answer(200);
    await h.emulator.waitFor(() => h.emulator.webhookAttempts(BOT_USERNAME).length === 1);
    const updates = await h.bot.api.getUpdates({ timeout: 0 });
    expect(updates.map((update) => update.message?.text)).toEqual(["two"]);
    alice.post("three");
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(hook.received.map(textOf)).toEqual(["one"]);
    const next = await h.bot.api.getUpdates({ offset: (updates[0]?.update_id ?? 0) + 1, timeout: 0 });
    expect(next.map((update) => update.message?.text)).toEqual(["three"]);
  });

  it("a failing update is not retried once the webhook is deleted", async () => {
    await setUp();
    const hook = await receiver((request) => request.answer(502));
    await h.bot.api.setWebhook(hook.url);
    h.emulator.createUser({ firstName: "Alice" }).post("kept");
    await h.emulator.waitFor(() => h.emulator.webhookAttempts(BOT_USERNAME).length === 1);
    await h.bot.api.setWebhook("");
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(hook.received).toHaveLength(1);
    expect((await h.bot.api.getUpdates({ timeout: 0 })).map((update) => update.message?.text)).toEqual(["kept"]);
  });

  it("drop_pending_updates empties the queue on setWebhook and on deleteWebhook", async () => {
    await setUp();
    const alice = h.emulator.createUser({ firstName: "Alice" });
    alice.post("old");
    const hook = await receiver();
    await h.bot.api.setWebhook(hook.url, { drop_pending_updates: true });
    alice.post("new");
    await h.emulator.waitFor(() => hook.received.length === 1);
    expect(hook.received.map(textOf)).toEqual(["new"]);
    await h.bot.api.deleteWebhook();
    alice.post("dropped");
    await h.bot.api.deleteWebhook({ drop_pending_updates: true });
    expect(await h.bot.api.getUpdates({ timeout: 0 })).toEqual([]);
  });

  it("delivers only the types in allowed_updates", async () => {
    await setUp();
    const hook = await receiver();
    await h.bot.api.setWebhook(hook.url, { allowed_updates: ["callback_query"] });
    h.emulator.createUser({ firstName: "Alice" }).post("not wanted");
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(hook.received).toHaveLength(0);
    expect((await h.bot.api.getWebhookInfo()).allowed_updates).toEqual(["callback_query"]);
  });

  it("setWebhook answers a held getUpdates 409, and getUpdates stays refused", async () => {
    await setUp();
    const hook = await receiver();
    const poll = h.bot.api.getUpdates({ timeout: 10 }).catch((error: unknown) => error);
    await h.emulator.waitFor(() => h.emulator.bot(BOT_USERNAME).isPolling);
    await h.bot.api.setWebhook(hook.url);
    expect(await poll).toMatchObject({
      error_code: 409,
      description: "Conflict: terminated by setWebhook request",
    });
    await expect(h.bot.api.getUpdates({ timeout: 0 })).rejects.toMatchObject({ error_code: 409 });
  });

  it("close() abandons a request in flight and pending retries without hanging", async () => {
    await setUp({ webhookRetryMs: 10_000 });
    const hook = await receiver((request) => {
      if (textOf(request) === "fails") request.answer(500);
    });
    await h.bot.api.setWebhook(hook.url);
    h.emulator.createUser({ firstName: "Alice" }).post("fails");
    h.emulator.createUser({ firstName: "Bob" }).post("hangs");
    await h.emulator.waitFor(() => hook.received.length === 2 && h.emulator.webhookAttempts(BOT_USERNAME).length === 1);
    const started = Date.now();
    await h.emulator.close();
    expect(Date.now() - started).toBeLessThan(1000);
    expect(h.emulator.webhookAttempts(BOT_USERNAME)).toHaveLength(1);
  });

  it("send() that times out says what the webhook answered", async () => {
    await setUp();
    const hook = await receiver((request) => request.answer(500));
    await h.bot.api.setWebhook(hook.url);
    const alice = h.emulator.createUser({ firstName: "Alice" });
    await expect(alice.send("hi", { timeoutMs: 300 })).rejects.toThrow(
      `The webhook ${hook.url} did not confirm the update. Last attempt: Wrong response from the webhook: 500 Internal Server Error.`,
    );
  });

  it("drives a grammY bot served by webhookCallback", async () => {
    await setUp();
    const bot = new Bot(TOKEN, { client: { apiRoot: h.emulator.apiRoot } });
    bot.on("message:text", (ctx) => ctx.reply(`echo: ${ctx.message.text}`));
    const handle = webhookCallback(bot, "http", { secretToken: "abc" });
    const server = createServer((req, res) => void handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = server.address() as AddressInfo;
      await h.bot.api.setWebhook(`http://127.0.0.1:${port}/`, { secret_token: "abc" });
      const alice = h.emulator.createUser({ firstName: "Alice" });
      const [reply] = await alice.send("hi");
      expect(reply?.text).toBe("echo: hi");
      await alice.send("no answer expected", { expectReply: false });
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

describe("webhook URL checks", () => {
  afterEach(async () => {
    await h?.stop();
  });
  let h: Harness | undefined;

  it("refuses http:// and other ports unless in localMode, as api.telegram.org does", async () => {
    h = await createHarness();
    await expect(h.bot.api.setWebhook("http://127.0.0.1:8080/hook")).rejects.toMatchObject({
      description: "Bad Request: bad webhook: An HTTPS URL must be provided for webhook",
    });
    await expect(h.bot.api.setWebhook("https://127.0.0.1:8080/hook")).rejects.toMatchObject({
      description: "Bad Request: bad webhook: Webhook can be set up only on ports 80, 88, 443 or 8443",
    });
  });

  it("localMode accepts http:// on any port, as telegram-bot-api --local", async () => {
    const emulator = await startEmulator({ localMode: true });
    try {
      emulator.createBot({ token: TOKEN, username: BOT_USERNAME });
      const bot = new Bot(TOKEN, { client: { apiRoot: emulator.apiRoot } });
      await expect(bot.api.setWebhook("http://127.0.0.1:8080/hook")).resolves.toBe(true);
      await expect(bot.api.setWebhook("ftp://127.0.0.1/hook")).rejects.toMatchObject({
        description: "Bad Request: bad webhook: Unsupported URL protocol",
      });
    } finally {
      await emulator.close();
    }
  });
});
