import { Bot, GrammyError } from "grammy";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createHarness, type Harness, TOKEN } from "./helpers.ts";

describe("getUpdates long polling", () => {
  let h: Harness;
  beforeEach(async () => {
    h = await createHarness();
  });
  afterEach(async () => {
    await h.stop();
  });

  it("holds a poll with no updates for the whole timeout, then answers []", async () => {
    const started = Date.now();
    const updates = await h.bot.api.getUpdates({ timeout: 2 });
    const elapsed = Date.now() - started;
    expect(updates).toEqual([]);
    expect(elapsed).toBeGreaterThanOrEqual(1900);
    expect(elapsed).toBeLessThan(3000);
  });

  it("answers timeout 0 at once", async () => {
    const started = Date.now();
    expect(await h.bot.api.getUpdates({ timeout: 0 })).toEqual([]);
    expect(Date.now() - started).toBeLessThan(500);
  });

  it("delivers an update as soon as it is posted", async () => {
    const alice = h.emulator.createUser({ firstName: "Alice" });
    const started = Date.now();
    const poll = h.bot.api.getUpdates({ timeout: 20 });
    setTimeout(() => alice.post("hello"), 100);
    const updates = await poll;
    expect(Date.now() - started).toBeLessThan(1000);
    expect(updates).toHaveLength(1);
    expect(updates[0]?.message?.text).toBe("hello");
    expect(updates[0]?.message?.from?.id).toBe(alice.id);
  });

  it("keeps updates until confirmed by offset, and never hands one out twice after that", async () => {
    const alice = h.emulator.createUser({ firstName: "Alice" });
    alice.post("one");
    alice.post("two");
    const first = await h.bot.api.getUpdates({ timeout: 0 });
    expect(first.map((update) => update.message?.text)).toEqual(["one", "two"]);
    const again = await h.bot.api.getUpdates({ timeout: 0 });
    expect(again.map((update) => update.update_id)).toEqual(first.map((update) => update.update_id));
    const lastId = first.at(-1)?.update_id ?? 0;
    expect(await h.bot.api.getUpdates({ offset: lastId + 1, timeout: 0 })).toEqual([]);
    alice.post("three");
    const next = await h.bot.api.getUpdates({ offset: lastId + 1, timeout: 0 });
    expect(next.map((update) => update.message?.text)).toEqual(["three"]);
    expect(next[0]?.update_id).toBeGreaterThan(lastId);
  });

  it("applies limit and negative offsets", async () => {
    const alice = h.emulator.createUser({ firstName: "Alice" });
    for (const text of ["a", "b", "c", "d"]) alice.post(text);
    expect((await h.bot.api.getUpdates({ limit: 2 })).map((u) => u.message?.text)).toEqual(["a", "b"]);
    expect((await h.bot.api.getUpdates({ offset: -1 })).map((u) => u.message?.text)).toEqual(["d"]);
    expect((await h.bot.api.getUpdates({})).map((u) => u.message?.text)).toEqual(["d"]);
  });

  it("a bot polling with bot.start() handles each update exactly once", async () => {
    const seen: string[] = [];
    h.bot.on("message:text", async (ctx) => {
      seen.push(ctx.message.text);
      await ctx.reply(`got ${ctx.message.text}`);
    });
    await h.start();
    const alice = h.emulator.createUser({ firstName: "Alice" });
    for (const text of ["1", "2", "3"]) await alice.send(text, { quietMs: 50 });
    expect(seen).toEqual(["1", "2", "3"]);
    expect(alice.messages().map((message) => message.text)).toEqual(["got 1", "got 2", "got 3"]);
  });

  it("answers the earlier poll 409 when a second getUpdates arrives", async () => {
    const first = h.bot.api.getUpdates({ timeout: 10 });
    await h.emulator.waitFor(() => h.emulator.bot("job_seeker_test_bot").isPolling);
    const second = h.bot.api.getUpdates({ timeout: 1 });
    const error = await first.then(
      () => undefined,
      (reason: unknown) => reason,
    );
    expect(error).toBeInstanceOf(GrammyError);
    expect((error as GrammyError).error_code).toBe(409);
    expect((error as GrammyError).description).toBe(
      "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running",
    );
    expect(await second).toEqual([]);
  });

  it("stops a bot.start() poller with a 409 when another instance polls", async () => {
    await h.start();
    await h.emulator.waitFor(() => h.emulator.bot("job_seeker_test_bot").isPolling);
    const intruder = new Bot(TOKEN, { client: { apiRoot: h.emulator.apiRoot } });
    await intruder.api.getUpdates({ timeout: 1 });
    await h.emulator.waitFor(() => h.pollingError() !== undefined);
    expect((h.pollingError() as GrammyError).error_code).toBe(409);
  });

  it("refuses getUpdates while a webhook is set", async () => {
    // Nothing listens there: delivery fails with "Connection refused" and the update stays.
    await h.bot.api.setWebhook("https://127.0.0.1:8443/telegram/hook");
    const alice = h.emulator.createUser({ firstName: "Alice" });
    alice.post("queued");
    await expect(h.bot.api.getUpdates({ timeout: 0 })).rejects.toMatchObject({
      error_code: 409,
      description:
        "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
    });
    const info = await h.bot.api.getWebhookInfo();
    expect(info.url).toBe("https://127.0.0.1:8443/telegram/hook");
    expect(info.pending_update_count).toBe(1);
    await h.bot.api.deleteWebhook({ drop_pending_updates: true });
    expect((await h.bot.api.getWebhookInfo()).pending_update_count).toBe(0);
    expect(await h.bot.api.getUpdates({ timeout: 0 })).toEqual([]);
  });

  it("rejects webhooks that are not HTTPS on an allowed port", async () => {
    await expect(h.bot.api.setWebhook("http://example.com/hook")).rejects.toMatchObject({
      description: "Bad Request: bad webhook: An HTTPS URL must be provided for webhook",
    });
    await expect(h.bot.api.setWebhook("https://example.com:3000/hook")).rejects.toMatchObject({
      description: "Bad Request: bad webhook: Webhook can be set up only on ports 80, 88, 443 or 8443",
    });
  });

  it("remembers allowed_updates across calls and drops updates of other types", async () => {
    const alice = h.emulator.createUser({ firstName: "Alice" });
    await h.bot.api.getUpdates({ timeout: 0, allowed_updates: ["callback_query"] });
    alice.post("ignored");
    expect(await h.bot.api.getUpdates({ timeout: 0 })).toEqual([]);
    await h.bot.api.getUpdates({ timeout: 0, allowed_updates: [] });
    alice.post("seen");
    expect((await h.bot.api.getUpdates({ timeout: 0 })).map((u) => u.message?.text)).toEqual(["seen"]);
  });

  it("close() answers a held poll", async () => {
    const poll = h.bot.api.getUpdates({ timeout: 30 });
    await h.emulator.waitFor(() => h.emulator.bot("job_seeker_test_bot").isPolling);
    const started = Date.now();
    await h.emulator.close();
    expect(await poll).toEqual([]);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
