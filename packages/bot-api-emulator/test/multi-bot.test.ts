import { Bot } from "grammy";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type ChatChange, type Emulator, startEmulator } from "../src/index.ts";

describe("several bots and watchers", () => {
  let emulator: Emulator;
  const bots: Bot[] = [];
  beforeEach(async () => {
    emulator = await startEmulator({ quietMs: 50 });
  });
  afterEach(async () => {
    for (const bot of bots.splice(0)) if (bot.isRunning()) await bot.stop();
    await emulator.close();
  });

  function startBot(token: string, username: string, reply: string): void {
    emulator.createBot({ token, username });
    const bot = new Bot(token, { client: { apiRoot: emulator.apiRoot } });
    bot.on("message", (ctx) => ctx.reply(reply));
    bots.push(bot);
    void bot.start({ timeout: 30 });
  }

  it("a person talks to each bot in its own private chat", async () => {
    startBot("111:aaa", "first_bot", "from first");
    startBot("222:bbb", "second_bot", "from second");
    const alice = emulator.createUser({ firstName: "Alice", bot: "first_bot" });
    await alice.send("hi");
    const withSecond = alice.withBot("second_bot");
    await withSecond.send("hi");
    expect(alice.messages().map((message) => message.text)).toEqual(["from first"]);
    expect(withSecond.messages().map((message) => message.text)).toEqual(["from second"]);
    const anonymous = emulator.createUser({ firstName: "Bob" });
    await expect(anonymous.send("hi")).rejects.toThrow(/Several bots are registered/);
  });

  it("watch() reports what happens in the chat, and the bot can use a group @username", async () => {
    startBot("333:ccc", "echo_bot", "pong");
    const alice = emulator.createUser({ firstName: "Alice" });
    const changes: ChatChange["kind"][] = [];
    const stop = alice.watch((change) => changes.push(change.kind));
    await alice.send("ping");
    stop();
    expect(changes).toEqual(["message", "message"]);
    const group = emulator.createGroup({ title: "Public", username: "public_group", members: [alice] });
    const sent = await bots[0]?.api.sendMessage("@public_group", "hello group");
    expect(sent?.chat.id).toBe(group.id);
  });
});
