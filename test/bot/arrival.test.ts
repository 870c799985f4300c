// How an update relates to the question on screen: an answer is taken only
// for the question the person saw.
import type { Context } from "grammy";
import { describe, expect, it } from "vitest";
import { answerData } from "../../src/bot/callback-data/answer.ts";
import { isFormInput, judgeArrival } from "../../src/bot/turn/arrival.ts";
import type { Prompt } from "../../src/bot/turn/outgoing.ts";
import type { StoredTurn } from "../../src/bot/turn/turn.ts";

const prompt = (messageId: number | null, since: number | null = messageId): Prompt => ({
  question: "surname",
  text: "Surname?",
  messageId,
  since,
});

function stored(overrides: Partial<StoredTurn>): StoredTurn {
  return { conversations: null, pending: [], prompt: prompt(20), lastUpdateId: 100, ...overrides };
}

function text(updateId: number, messageId: number, body = "Smith"): Context {
  return {
    update: { update_id: updateId },
    chat: { id: 1, type: "private" },
    message: { message_id: messageId, text: body },
  } as unknown as Context;
}

function command(updateId: number, messageId: number, body: string): Context {
  return {
    update: { update_id: updateId },
    chat: { id: 1, type: "private" },
    message: { message_id: messageId, text: body, entities: [{ type: "bot_command", offset: 0, length: body.length }] },
  } as unknown as Context;
}

function press(updateId: number, question: string, messageId: number): Context {
  const data = answerData.encode(question, "yes");
  return {
    update: { update_id: updateId },
    chat: { id: 1, type: "private" },
    callbackQuery: { id: "q", data, message: { message_id: messageId } },
  } as unknown as Context;
}

describe("judgeArrival", () => {
  it.each([
    ["an answer written after the question appeared", stored({}), text(101, 21), { kind: "answer" }],
    ["an update handled before (delivered again after a crash)", stored({}), text(100, 21), { kind: "repeat" }],
    ["a message written before the question appeared", stored({}), text(101, 19), { kind: "early" }],
    [
      "a message written after the first showing of a question asked again",
      stored({ prompt: prompt(30, 20) }),
      text(101, 25),
      { kind: "answer" },
    ],
    [
      "an answer while the question never reached the person",
      stored({ pending: [{ kind: "send", text: "Surname?", question: "surname" }], prompt: prompt(null) }),
      text(101, 21),
      { kind: "unseen" },
    ],
    [
      "a press on the undelivered question's button (it did arrive)",
      stored({ pending: [{ kind: "send", text: "Surname?", question: "surname" }], prompt: prompt(null) }),
      press(101, "surname", 22),
      { kind: "answer", acknowledges: 22 },
    ],
    [
      "a receipt that did not go out",
      stored({ pending: [{ kind: "send", text: "Receipt" }], prompt: null }),
      text(101, 21),
      { kind: "leftover" },
    ],
    ["no stored form", undefined, text(1, 1), { kind: "answer" }],
    [
      "a command",
      stored({}),
      {
        ...text(101, 19, "/status"),
        message: { message_id: 19, text: "/status", entities: [{ type: "bot_command", offset: 0, length: 7 }] },
      } as unknown as Context,
      { kind: "answer" },
    ],
    [
      "a command while a receipt did not go out (/appeal again: the receipt, not a second appeal)",
      stored({ pending: [{ kind: "send", text: "Receipt" }], prompt: prompt(20) }),
      command(101, 21, "/appeal"),
      { kind: "leftover" },
    ],
    [
      "a command while the question on screen never reached the person (it leaves the form)",
      stored({ pending: [{ kind: "send", text: "Surname?", question: "surname" }], prompt: prompt(null) }),
      command(101, 21, "/cancel"),
      { kind: "answer" },
    ],
  ])("%s", (_, turn, ctx, expected) => {
    expect(judgeArrival(ctx, turn)).toEqual(expected);
  });
});

describe("isFormInput", () => {
  it("takes texts, contacts and form buttons; leaves commands, other buttons and groups alone", () => {
    expect(isFormInput(text(1, 1))).toBe(true);
    expect(isFormInput(press(1, "surname", 2))).toBe(true);
    expect(
      isFormInput({
        ...text(1, 1, "/help"),
        message: { message_id: 1, text: "/help", entities: [{ type: "bot_command", offset: 0, length: 5 }] },
      } as unknown as Context),
    ).toBe(false);
    expect(
      isFormInput({ chat: { id: 1, type: "private" }, callbackQuery: { data: "language:kk" } } as unknown as Context),
    ).toBe(false);
    expect(
      isFormInput({
        chat: { id: -5, type: "supergroup" },
        message: { message_id: 1, text: "x" },
      } as unknown as Context),
    ).toBe(false);
  });
});
