import { Bot, GrammyError, InlineKeyboard } from "grammy";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { TestUser } from "../src/index.ts";
import { createHarness, type Harness } from "./helpers.ts";

/** Resolves to the GrammyError a call fails with. */
async function failureOf(call: Promise<unknown>): Promise<GrammyError> {
  try {
    await call;
  } catch (error) {
    if (error instanceof GrammyError) return error;
    throw error;
  }
  throw new Error("the call succeeded");
}

describe("Bot API answers and error texts", () => {
  let h: Harness;
  let alice: TestUser;
  beforeEach(async () => {
    h = await createHarness();
    alice = h.emulator.createUser({ firstName: "Alice", username: "alice", languageCode: "ru" });
    alice.post("/start");
  });
  afterEach(async () => {
    await h.stop();
  });

  it("answers 401 Unauthorized to an unknown token", async () => {
    const stranger = new Bot("999999:unknown-token", { client: { apiRoot: h.emulator.apiRoot } });
    const error = await failureOf(stranger.api.getMe());
    expect(error.error_code).toBe(401);
    expect(error.description).toBe("Unauthorized");
  });

  it("answers 404 Not Found to an unknown method, and accepts any letter case", async () => {
    const raw = h.bot.api.raw as unknown as Record<string, (payload: object) => Promise<unknown>>;
    const error = await failureOf(raw.getNonsense?.({}) ?? Promise.resolve());
    expect(error.error_code).toBe(404);
    expect(error.description).toBe("Not Found");
    const response = await fetch(`${h.emulator.apiRoot}/bot${h.bot.token}/GETME`);
    expect(await response.json()).toMatchObject({ ok: true, result: { username: "job_seeker_test_bot" } });
  });

  it("getMe describes the bot of the token", async () => {
    const me = await h.bot.api.getMe();
    expect(me).toEqual({
      id: 7000000001,
      is_bot: true,
      first_name: "Job Seeker",
      username: "job_seeker_test_bot",
      can_join_groups: true,
      can_read_all_group_messages: false,
      supports_inline_queries: false,
    });
  });

  it("rejects unknown chats, empty and too long texts", async () => {
    expect((await failureOf(h.bot.api.sendMessage(424242, "hi"))).description).toBe("Bad Request: chat not found");
    expect((await failureOf(h.bot.api.sendMessage(alice.id, ""))).description).toBe(
      "Bad Request: message text is empty",
    );
    expect((await failureOf(h.bot.api.sendMessage(alice.id, " \n "))).description).toBe(
      "Bad Request: text must be non-empty",
    );
    const tooLong = await failureOf(h.bot.api.sendMessage(alice.id, "я".repeat(4097)));
    expect(tooLong.error_code).toBe(400);
    expect(tooLong.description).toBe("Bad Request: message is too long");
    await h.bot.api.sendMessage(alice.id, "я".repeat(4096));
    // The limit applies after entity parsing: tags do not count.
    await h.bot.api.sendMessage(alice.id, `<b>${"x".repeat(4096)}</b>`, { parse_mode: "HTML" });
  });

  it("refuses to write to a person who never started the bot", async () => {
    const bob = h.emulator.createUser({ firstName: "Bob" });
    const error = await failureOf(h.bot.api.sendMessage(bob.id, "hello"));
    expect(error.error_code).toBe(403);
    expect(error.description).toBe("Forbidden: bot can't initiate conversation with a user");
  });

  it("answers 403 when the user blocked the bot", async () => {
    alice.blockBot();
    const error = await failureOf(h.bot.api.sendMessage(alice.id, "are you there?"));
    expect(error.error_code).toBe(403);
    expect(error.description).toBe("Forbidden: bot was blocked by the user");
    alice.unblockBot();
    await h.bot.api.sendMessage(alice.id, "welcome back");
    const updates = await h.bot.api.getUpdates({ timeout: 0 });
    const statuses = updates.flatMap((update) =>
      update.my_chat_member ? [update.my_chat_member.new_chat_member.status] : [],
    );
    expect(statuses).toEqual(["kicked", "member"]);
  });

  it("validates HTML like Telegram and stores the parsed text with entities", async () => {
    const unsupported = await failureOf(h.bot.api.sendMessage(alice.id, "Привет <foo>x</foo>", { parse_mode: "HTML" }));
    expect(unsupported.description).toBe(
      'Bad Request: can\'t parse entities: Unsupported start tag "foo" at byte offset 13',
    );
    const unclosed = await failureOf(h.bot.api.sendMessage(alice.id, "<b>bold", { parse_mode: "HTML" }));
    expect(unclosed.description).toBe(
      "Bad Request: can't parse entities: Can't find end tag corresponding to start tag \"b\"",
    );
    const strayLess = await failureOf(h.bot.api.sendMessage(alice.id, "salary < 100", { parse_mode: "HTML" }));
    expect(strayLess.description).toBe('Bad Request: can\'t parse entities: Unsupported start tag "" at byte offset 7');
    const mismatched = await failureOf(h.bot.api.sendMessage(alice.id, "<b><i>x</b></i>", { parse_mode: "HTML" }));
    expect(mismatched.description).toBe(
      'Bad Request: can\'t parse entities: Unmatched end tag at byte offset 7, expected "</i>", found "</b>"',
    );
    const sent = await h.bot.api.sendMessage(
      alice.id,
      '<b>Hi</b> &lt;Tom &amp; Jerry&gt; <a href="https://example.com">site</a> <tg-spoiler>x</tg-spoiler>',
      { parse_mode: "HTML" },
    );
    expect(sent.text).toBe("Hi <Tom & Jerry> site x");
    expect(sent.entities).toEqual([
      { type: "bold", offset: 0, length: 2 },
      { type: "text_link", offset: 17, length: 4, url: "https://example.com/" },
      { type: "spoiler", offset: 22, length: 1 },
    ]);
  });

  it("rejects callback data over 64 bytes and text-only inline buttons", async () => {
    const fits = new InlineKeyboard().text("ok", "ж".repeat(32));
    await h.bot.api.sendMessage(alice.id, "fits", { reply_markup: fits });
    const tooLong = new InlineKeyboard().text("long", "ж".repeat(33));
    const error = await failureOf(h.bot.api.sendMessage(alice.id, "too long", { reply_markup: tooLong }));
    expect(error.description).toBe("Bad Request: BUTTON_DATA_INVALID");
    const textOnly = { inline_keyboard: [[{ text: "plain" }]] } as unknown as InlineKeyboard;
    const plain = await failureOf(h.bot.api.sendMessage(alice.id, "plain", { reply_markup: textOnly }));
    expect(plain.description).toBe(
      "Bad Request: can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard",
    );
    const local = await failureOf(
      h.bot.api.sendMessage(alice.id, "url", {
        reply_markup: new InlineKeyboard().url("open", "http://localhost:3000"),
      }),
    );
    expect(local.description).toBe(
      "Bad Request: inline keyboard button URL 'http://localhost:3000' is invalid: Wrong HTTP URL",
    );
  });

  it("refuses an edit that changes nothing, and an edit of a missing message", async () => {
    const keyboard = new InlineKeyboard().text("A", "a");
    const sent = await h.bot.api.sendMessage(alice.id, "Pick", { reply_markup: keyboard });
    const notModified = await failureOf(
      h.bot.api.editMessageText(alice.id, sent.message_id, "Pick", { reply_markup: keyboard }),
    );
    expect(notModified.description).toBe(
      "Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message",
    );
    const sameMarkup = await failureOf(
      h.bot.api.editMessageReplyMarkup(alice.id, sent.message_id, { reply_markup: keyboard }),
    );
    expect(sameMarkup.description).toContain("message is not modified");
    // Same text without reply_markup removes the keyboard, so it is a change.
    const edited = await h.bot.api.editMessageText(alice.id, sent.message_id, "Pick");
    expect(edited).toMatchObject({ text: "Pick" });
    expect((edited as { reply_markup?: unknown }).reply_markup).toBeUndefined();
    const missing = await failureOf(h.bot.api.editMessageText(alice.id, 9999, "x"));
    expect(missing.description).toBe("Bad Request: message to edit not found");
    const notOwn = await failureOf(h.bot.api.editMessageText(alice.id, 1, "x"));
    expect(notOwn.description).toBe("Bad Request: message can't be edited");
  });

  it("validates chat actions, callback query ids and reply targets", async () => {
    expect(await h.bot.api.sendChatAction(alice.id, "typing")).toBe(true);
    const action = await failureOf(h.bot.api.sendChatAction(alice.id, "dancing" as never));
    expect(action.description).toBe("Bad Request: wrong parameter action in request");
    const query = await failureOf(h.bot.api.answerCallbackQuery("12345"));
    expect(query.description).toBe("Bad Request: query is too old and response timeout expired or query ID is invalid");
    const reply = await failureOf(h.bot.api.sendMessage(alice.id, "x", { reply_parameters: { message_id: 777 } }));
    expect(reply.description).toBe("Bad Request: message to be replied not found");
    const withReply = await h.bot.api.sendMessage(alice.id, "x", { reply_parameters: { message_id: 1 } });
    expect(withReply.reply_to_message?.text).toBe("/start");
  });

  it("deletes messages once", async () => {
    const sent = await h.bot.api.sendMessage(alice.id, "temporary");
    expect(await h.bot.api.deleteMessage(alice.id, sent.message_id)).toBe(true);
    expect(alice.messages()).toEqual([]);
    const again = await failureOf(h.bot.api.deleteMessage(alice.id, sent.message_id));
    expect(again.description).toBe("Bad Request: message to delete not found");
  });
});
