import { autoRetry } from "@grammyjs/auto-retry";
import { GrammyError } from "grammy";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { TestUser } from "../src/index.ts";
import { createHarness, type Harness } from "./helpers.ts";

describe("fault injection", () => {
  let h: Harness;
  let alice: TestUser;
  beforeEach(async () => {
    h = await createHarness();
    alice = h.emulator.createUser({ firstName: "Alice" });
    alice.post("/start");
  });
  afterEach(async () => {
    await h.stop();
  });

  it("failNext answers 429 with retry_after, once", async () => {
    h.emulator.failNext("sendMessage", { errorCode: 429, retryAfter: 7 });
    const error = await h.bot.api.sendMessage(alice.id, "hi").catch((reason: unknown) => reason);
    expect(error).toBeInstanceOf(GrammyError);
    expect(error).toMatchObject({
      error_code: 429,
      description: "Too Many Requests: retry after 7",
      parameters: { retry_after: 7 },
    });
    await h.bot.api.sendMessage(alice.id, "hi");
    const statuses = h.emulator.callsTo("sendMessage").map((call) => call.status);
    expect(statuses).toEqual([429, 200]);
  });

  it("a bot with auto-retry waits retry_after and succeeds", async () => {
    h.bot.api.config.use(autoRetry());
    h.emulator.failNext("sendMessage", { errorCode: 429, retryAfter: 1 });
    const started = Date.now();
    await h.bot.api.sendMessage(alice.id, "eventually");
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(alice.lastText()).toBe("eventually");
  });

  it("chatId fails only the calls addressed to that chat", async () => {
    const bob = h.emulator.createUser({ firstName: "Bob" });
    bob.post("/start");
    h.emulator.failNext("sendMessage", {
      errorCode: 403,
      description: "Forbidden: bot was blocked by the user",
      chatId: bob.id,
    });
    await h.bot.api.sendMessage(alice.id, "to alice");
    await expect(h.bot.api.sendMessage(bob.id, "to bob")).rejects.toMatchObject({ error_code: 403 });
    await h.bot.api.sendMessage(bob.id, "to bob again");
    expect(h.emulator.callsTo("sendMessage").map((call) => call.status)).toEqual([200, 403, 200]);
  });

  it("'*' fails any method but getUpdates, `times` times", async () => {
    h.emulator.failNext("*", { errorCode: 502, times: 2 });
    await expect(h.bot.api.getUpdates({ timeout: 0 })).resolves.toBeDefined();
    await expect(h.bot.api.getMe()).rejects.toMatchObject({ error_code: 502, description: "Bad Gateway" });
    await expect(h.bot.api.sendChatAction(alice.id, "typing")).rejects.toMatchObject({ error_code: 502 });
    await expect(h.bot.api.getMe()).resolves.toMatchObject({ is_bot: true });
  });

  it("setOutage makes every method fail until cleared", async () => {
    h.emulator.setOutage(500);
    await expect(h.bot.api.getMe()).rejects.toMatchObject({ error_code: 500, description: "Internal Server Error" });
    await expect(h.bot.api.getUpdates({ timeout: 0 })).rejects.toMatchObject({ error_code: 500 });
    h.emulator.setOutage(null);
    await expect(h.bot.api.getMe()).resolves.toMatchObject({ is_bot: true });
  });

  it("records every call with params, time, chat and answer", async () => {
    const before = Date.now();
    await h.bot.api.sendMessage(alice.id, "logged", { parse_mode: "HTML" });
    const [call] = h.emulator.callsTo("sendMessage");
    expect(call).toMatchObject({
      method: "sendMessage",
      botUsername: "job_seeker_test_bot",
      params: { chat_id: alice.id, text: "logged", parse_mode: "HTML" },
      chatId: alice.id,
      ok: true,
      status: 200,
      response: { ok: true, result: { text: "logged" } },
    });
    expect(call?.time).toBeGreaterThanOrEqual(before);
  });
});

describe("a storm of failures", () => {
  let h: Harness;
  let alice: TestUser;
  beforeEach(async () => {
    h = await createHarness();
    alice = h.emulator.createUser({ firstName: "Alice" });
    alice.post("/start");
  });
  afterEach(async () => {
    h.emulator.setFlaky(null);
    await h.stop();
  });

  it("fails about the given share of calls with 429 or 502, and none once cleared", async () => {
    let seed = 1;
    const random = () => {
      seed = (seed * 16807) % 2147483647;
      return (seed - 1) / 2147483646;
    };
    h.emulator.setFlaky({ probability: 0.4, random });
    const results = await Promise.all(
      Array.from({ length: 200 }, () =>
        h.bot.api.sendMessage(alice.id, "x").then(
          () => 200,
          (error: GrammyError) => error.error_code,
        ),
      ),
    );
    const failed = results.filter((status) => status !== 200);
    expect(failed.length).toBeGreaterThan(50);
    expect(failed.length).toBeLessThan(110);
    expect(new Set(failed)).toEqual(new Set([429, 502]));
    h.emulator.setFlaky(null);
    await h.bot.api.sendMessage(alice.id, "calm");
    expect(alice.lastText()).toBe("calm");
  });
});
