// A toggle's tick lands on the copy of the question the person has on
// screen, and the stored question keeps the ticks for when it is asked again.
import { describe, expect, it } from "vitest";
import type { Outgoing, Prompt, ReplyMarkup } from "../../src/bot/turn/outgoing.ts";
import { type StoredTurn, Turn } from "../../src/bot/turn/turn.ts";

const keyboard = (ticked: boolean): ReplyMarkup => ({
  inline_keyboard: [
    [{ text: `${ticked ? "✅ " : ""}Full-time`, callback_data: "a:hours:full_time" }],
    [{ text: "Done", callback_data: "a:hours:done" }],
  ],
});

const hours = (messageId: number | null): Prompt => ({
  question: "hours",
  text: "Working hours?",
  markup: keyboard(false),
  messageId,
  since: 41,
});

const stored = (prompt: Prompt): StoredTurn => ({ conversations: null, pending: [], prompt, lastUpdateId: 100 });

const tick = (messageId: number): Outgoing => ({
  kind: "edit_markup",
  messageId,
  question: "hours",
  markup: keyboard(true),
});

describe("a toggled keyboard", () => {
  it("edits the pressed message when it is the question on screen", () => {
    const turn = new Turn(1, 101, stored(hours(42)));
    turn.queue(tick(42));
    expect(turn.outgoing).toEqual([tick(42)]);
  });

  it("moves a tick pressed on an older copy to the copy on screen, and bares the older copy", () => {
    const turn = new Turn(1, 101, stored(hours(42)));
    turn.queue(tick(41));
    expect(turn.outgoing).toEqual([{ kind: "edit_markup", messageId: 41 }, tick(42)]);
  });

  it("stores the question with its ticks, so that asking it again shows them", () => {
    const turn = new Turn(1, 101, stored(hours(42)));
    turn.queue(tick(42));
    expect(turn.toStored().prompt).toEqual({ ...hours(42), markup: keyboard(true) });
  });

  it("ticks the copy a press proved delivered when its delivery was not recorded", () => {
    const turn = new Turn(1, 101, stored(hours(null)));
    turn.acknowledge(42);
    turn.queue(tick(42));
    expect(turn.outgoing).toEqual([tick(42)]);
    expect(turn.toStored().prompt).toMatchObject({ messageId: 42, markup: keyboard(true) });
  });

  it("leaves an edit of another question's keyboard where it was pressed", () => {
    const turn = new Turn(1, 101, stored({ ...hours(42), question: "position" }));
    turn.queue(tick(41));
    expect(turn.outgoing).toEqual([tick(41)]);
  });
});
