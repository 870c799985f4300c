import { InlineKeyboard, Keyboard } from "grammy";
import type { CallbackQuery } from "grammy/types";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createHarness, type Harness } from "./helpers.ts";

describe("a test user talking to a grammY bot", () => {
  let h: Harness;
  const presses: CallbackQuery[] = [];
  beforeEach(async () => {
    presses.length = 0;
    h = await createHarness();
    const { bot } = h;
    bot.command("start", async (ctx) => {
      await ctx.reply(`Hello, ${ctx.from?.first_name}! Payload: ${ctx.match || "-"}`, {
        reply_markup: new InlineKeyboard().text("Apply", "apply").text("Help", "help"),
      });
    });
    bot.callbackQuery("apply", async (ctx) => {
      presses.push(ctx.callbackQuery);
      await ctx.answerCallbackQuery({ text: "Starting the application" });
      await ctx.editMessageText("Step 1 of 2: share your phone", {
        reply_markup: new InlineKeyboard().text("Cancel", "cancel"),
      });
    });
    bot.callbackQuery("help", async (ctx) => {
      presses.push(ctx.callbackQuery);
      await ctx.answerCallbackQuery({ text: "Help is on the way", show_alert: true });
    });
    bot.callbackQuery("cancel", async (ctx) => {
      await ctx.answerCallbackQuery();
      await ctx.editMessageText("Cancelled");
    });
    bot.command("phone", async (ctx) => {
      await ctx.reply("Share your phone number", {
        reply_markup: new Keyboard().requestContact("Share phone").row().text("Back").resized().oneTime(),
      });
    });
    bot.on("message:contact", async (ctx) => {
      const own = ctx.message.contact.user_id === ctx.from.id;
      await ctx.reply(own ? `Thanks, ${ctx.message.contact.phone_number}` : "Please share your own number", {
        reply_markup: { remove_keyboard: true },
      });
    });
    bot.hears("Back", (ctx) => ctx.reply("Back to the menu"));
    bot.command("slow", async (ctx) => {
      await ctx.replyWithChatAction("typing");
      await new Promise((resolve) => setTimeout(resolve, 50));
      await ctx.reply("part 1");
      await ctx.reply("part 2");
    });
    bot.on("message:text", (ctx) => ctx.reply(`echo: ${ctx.message.text}`));
    await h.start();
  });
  afterEach(async () => {
    await h.stop();
  });

  it("send() resolves with the bot answer, and commands carry a bot_command entity", async () => {
    const alice = h.emulator.createUser({ firstName: "Alice" });
    const replies = await alice.send("/start job42");
    expect(replies.map((message) => message.text)).toEqual(["Hello, Alice! Payload: job42"]);
    expect(alice.buttons()).toEqual([["Apply", "Help"]]);
    const [start] = alice.history();
    expect(start?.entities).toEqual([{ type: "bot_command", offset: 0, length: 6 }]);
  });

  it("waits for every part of a multi-message answer", async () => {
    const alice = h.emulator.createUser({ firstName: "Alice" });
    const replies = await alice.send("/slow");
    expect(replies.map((message) => message.text)).toEqual(["part 1", "part 2"]);
    expect(alice.lastText()).toBe("part 2");
  });

  it("a press carries the message, its id and a stable chat_instance, and the edit replaces the keyboard", async () => {
    const alice = h.emulator.createUser({ firstName: "Alice" });
    const [menu] = await alice.send("/start");
    await alice.press("Help");
    expect(alice.lastCallbackAnswer()).toEqual({ text: "Help is on the way", show_alert: true, cache_time: 0 });
    const edits = await alice.press("Apply");
    expect(presses).toHaveLength(2);
    const [help, apply] = presses;
    expect(apply?.message?.message_id).toBe(menu?.message_id);
    expect(apply?.message?.chat.id).toBe(alice.id);
    expect(apply?.data).toBe("apply");
    expect(apply?.from.id).toBe(alice.id);
    expect(apply?.chat_instance).toMatch(/^-?\d+$/);
    expect(apply?.chat_instance).toBe(help?.chat_instance);
    expect(apply?.id).not.toBe(help?.id);
    expect(edits.map((message) => message.text)).toEqual(["Step 1 of 2: share your phone"]);
    expect(edits[0]?.edit_date).toBeTypeOf("number");
    expect(alice.buttons()).toEqual([["Cancel"]]);
    expect(alice.lastCallbackAnswer()?.text).toBe("Starting the application");
    await alice.press("Cancel");
    expect(alice.lastText()).toBe("Cancelled");
    expect(alice.buttons()).toEqual([]);
  });

  it("explains which buttons are visible when one is missing", async () => {
    const alice = h.emulator.createUser({ firstName: "Alice" });
    await alice.send("/start");
    await expect(alice.press("Submit")).rejects.toThrow(/no button "Submit"[\s\S]*\[Apply\] \[Help\]/);
  });

  it("reply keyboards: a request_contact button shares the own contact, and remove_keyboard hides it", async () => {
    const alice = h.emulator.createUser({ firstName: "Alice", phoneNumber: "77011234567" });
    await alice.send("/phone");
    expect(alice.replyKeyboard()).toMatchObject({
      keyboard: [[{ text: "Share phone", request_contact: true }], [{ text: "Back" }]],
      resize_keyboard: true,
      one_time_keyboard: true,
    });
    await alice.press("Back");
    expect(alice.lastText()).toBe("Back to the menu");
    await alice.press("Share phone");
    expect(alice.lastText()).toBe("Thanks, 77011234567");
    expect(alice.replyKeyboard()).toBeNull();
    const [contact] = alice.history().filter((message) => message.contact);
    expect(contact?.contact).toEqual({ phone_number: "77011234567", first_name: "Alice", user_id: alice.id });
  });

  it("someone else's contact carries their user id", async () => {
    const alice = h.emulator.createUser({ firstName: "Alice" });
    await alice.shareContact({ phone: "+77019998877", userId: 555, firstName: "Mom" });
    expect(alice.lastText()).toBe("Please share your own number");
  });

  it("expectReply: false resolves once the bot fetched the update", async () => {
    const alice = h.emulator.createUser({ firstName: "Alice" });
    expect(await alice.send("fire and forget", { expectReply: false })).toEqual([]);
    await alice.waitFor((session) => session.lastText() === "echo: fire and forget");
  });

  it("replies carry reply_to_message", async () => {
    const alice = h.emulator.createUser({ firstName: "Alice" });
    const [answer] = await alice.send("first");
    await alice.send("second", { replyTo: answer });
    const second = alice.history().find((message) => message.text === "second");
    expect(second?.reply_to_message?.text).toBe("echo: first");
  });

  it("fails with a clear message when the bot does not answer", async () => {
    const alice = h.emulator.createUser({ firstName: "Alice" });
    await expect(alice.sendSticker({}, { timeoutMs: 300 })).rejects.toThrow(
      /sent a sticker, but the bot did not answer within 300 ms[\s\S]*fetched/,
    );
  });
});
