// Texts longer than Telegram takes in one message: split where a reader would
// pause, a keyboard on the last part; a card that must stay one message is
// shortened with a note.
import { describe, expect, it } from "vitest";
import { MESSAGE_LIMIT, splitLongMessages, splitLongText } from "../../src/bot/long-text.ts";

const job = (i: number) => `• Бухгалтер ${i}, ТОО «Жарық» ${"құрылыс ".repeat(50).trim()} (09.2015 – 10.2020)`;

describe("splitLongText", () => {
  it("leaves a text that fits as it is", () => {
    expect(splitLongText("Қысқа мәтін\n\nекінші абзац")).toEqual(["Қысқа мәтін\n\nекінші абзац"]);
  });

  it("cuts a long list at its lines, every part within the limit, nothing lost", () => {
    const text = ["Тәжірибе:", ...Array.from({ length: 40 }, (_, i) => job(i + 1))].join("\n");
    expect(text.length).toBeGreaterThan(MESSAGE_LIMIT * 3);
    const parts = splitLongText(text);
    expect(parts.length).toBeGreaterThan(3);
    for (const part of parts) expect(part.length).toBeLessThanOrEqual(MESSAGE_LIMIT);
    // Each line whole in one part: no entry cut in two.
    expect(parts.join("\n").split("\n")).toEqual(text.split("\n"));
  });

  it("prefers a paragraph break to a line break", () => {
    const first = Array.from({ length: 5 }, () => "а".repeat(500)).join("\n");
    const second = Array.from({ length: 5 }, () => "б".repeat(500)).join("\n");
    expect(splitLongText(`${first}\n\n${second}`)).toEqual([first, second]);
  });

  it("cuts a single line longer than the limit at a space", () => {
    const words = "сөз ".repeat(3000).trim();
    const parts = splitLongText(words);
    for (const part of parts) {
      expect(part.length).toBeLessThanOrEqual(MESSAGE_LIMIT);
      expect(part.startsWith("сөз")).toBe(true);
      expect(part.endsWith("сөз")).toBe(true);
    }
    expect(parts.join(" ")).toBe(words);
  });

  it("never cuts a character made of two UTF-16 units", () => {
    const text = "😀".repeat(3000);
    const parts = splitLongText(text);
    for (const part of parts) {
      expect(part.length).toBeLessThanOrEqual(MESSAGE_LIMIT);
      expect(/^(?:😀)+$/u.test(part)).toBe(true);
    }
    expect(parts.join("")).toBe(text);
  });
});

describe("splitLongMessages", () => {
  type Call = { method: string; payload: Record<string, unknown> };
  const run = async (payload: Record<string, unknown>) => {
    const calls: Call[] = [];
    const prev = async (method: string, sent: Record<string, unknown>) => {
      calls.push({ method, payload: sent });
      return { ok: true as const, result: { message_id: calls.length } };
    };
    const result = await splitLongMessages()(prev as never, "sendMessage", payload as never);
    return { calls, result };
  };
  const long = Array.from({ length: 30 }, (_, i) => job(i + 1)).join("\n");
  const keyboard = { inline_keyboard: [[{ text: "Submit", callback_data: "a:x:y" }]] };

  it("sends a long text in parts, the reply on the first, the keyboard on the last, and returns the last", async () => {
    const { calls, result } = await run({
      chat_id: 1,
      text: long,
      reply_markup: keyboard,
      reply_parameters: { message_id: 5 },
    });
    expect(calls.length).toBeGreaterThan(1);
    expect(calls.map((c) => c.payload.text).join("\n")).toBe(long);
    expect(calls[0]!.payload.reply_parameters).toEqual({ message_id: 5 });
    expect(calls.slice(1).every((c) => c.payload.reply_parameters === undefined)).toBe(true);
    expect(calls.at(-1)!.payload.reply_markup).toEqual(keyboard);
    expect(calls.slice(0, -1).every((c) => c.payload.reply_markup === undefined)).toBe(true);
    expect(result).toEqual({ ok: true, result: { message_id: calls.length } });
  });

  it("stops at the first part Telegram refuses and reports it", async () => {
    let n = 0;
    const prev = async () =>
      ++n === 2 ? { ok: false as const, error_code: 502, description: "Bad Gateway" } : { ok: true, result: {} };
    const result = await splitLongMessages()(prev as never, "sendMessage", { chat_id: 1, text: long } as never);
    expect(n).toBe(2);
    expect(result).toMatchObject({ ok: false, error_code: 502 });
  });

  it("passes a short text, other methods and formatted texts on unchanged", async () => {
    expect((await run({ chat_id: 1, text: "Hi", reply_markup: keyboard })).calls).toHaveLength(1);
    expect((await run({ chat_id: 1, text: long, parse_mode: "HTML" })).calls).toHaveLength(1);
  });
});
