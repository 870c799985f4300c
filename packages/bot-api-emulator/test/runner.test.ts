import { type RunnerHandle, run } from "@grammyjs/runner";
import { Bot, InlineKeyboard } from "grammy";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Emulator, startEmulator } from "../src/index.ts";
import { BOT_USERNAME, TOKEN } from "./helpers.ts";

describe("with @grammyjs/runner", () => {
  let emulator: Emulator;
  let runner: RunnerHandle | undefined;
  beforeEach(async () => {
    emulator = await startEmulator();
    emulator.createBot({ token: TOKEN, username: BOT_USERNAME });
  });
  afterEach(async () => {
    if (runner?.isRunning()) await runner.stop();
    await emulator.close();
  });

  it("drives a bot that polls concurrently with processing", async () => {
    const bot = new Bot(TOKEN, { client: { apiRoot: emulator.apiRoot } });
    bot.command("start", (ctx) => ctx.reply("Menu", { reply_markup: new InlineKeyboard().text("Go", "go") }));
    bot.callbackQuery("go", async (ctx) => {
      await ctx.answerCallbackQuery("Going");
      await ctx.editMessageText("Gone");
    });
    bot.on("message:text", async (ctx) => {
      await new Promise((resolve) => setTimeout(resolve, 30));
      await ctx.reply(`slow echo: ${ctx.message.text}`);
    });
    runner = run(bot);
    const alice = emulator.createUser({ firstName: "Alice" });
    const bob = emulator.createUser({ firstName: "Bob" });
    await alice.send("/start");
    const [aliceAnswer, bobAnswer] = await Promise.all([alice.send("a"), bob.send("b")]);
    expect(aliceAnswer?.[0]?.text).toBe("slow echo: a");
    expect(bobAnswer?.[0]?.text).toBe("slow echo: b");
    const [edited] = await alice.press("Go");
    expect(edited?.text).toBe("Gone");
    expect(alice.messages().map((message) => message.text)).toEqual(["Gone", "slow echo: a"]);
    expect(alice.lastCallbackAnswer()?.text).toBe("Going");
  });
});
