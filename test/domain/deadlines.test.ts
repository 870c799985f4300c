import { describe, expect, it } from "vitest";
import {
  applicationAcceptanceDate,
  applicationDecisionDue,
  applicationDueAt,
  applicationDueState,
} from "../../src/domain/deadlines.ts";

// Instants in Almaty time (UTC+5).
const almaty = (local: string) => new Date(`${local}+05:00`);

describe("the 1-working-day term of an application", () => {
  it.each([
    ["Friday morning → Monday", "2026-11-27T10:00", "2026-11-27", "2026-11-30"],
    ["Friday 18:29 → Monday", "2026-11-27T18:29", "2026-11-27", "2026-11-30"],
    ["Friday after hours → accepted Monday, due Tuesday", "2026-11-27T18:30", "2026-11-30", "2026-12-01"],
    ["Saturday → accepted Monday, due Tuesday", "2026-11-28T11:00", "2026-11-30", "2026-12-01"],
    ["before Nauryz: Friday 20 March 2026 → 26 March", "2026-03-20T09:00", "2026-03-20", "2026-03-26"],
    ["on Nauryz → accepted 26 March, due 27 March", "2026-03-23T12:00", "2026-03-26", "2026-03-27"],
    ["New Year's Eve → 5 January 2026", "2025-12-31T10:00", "2025-12-31", "2026-01-05"],
    ["the evening before Independence Day 2026 → 17 December", "2026-12-15T12:00", "2026-12-15", "2026-12-17"],
    [
      "31 December 2026 (Thursday) → 5 January 2027 (2 January, a Saturday, moves to 4 January)",
      "2026-12-31T10:00",
      "2026-12-31",
      "2027-01-05",
    ],
  ])("%s", (_, received, accepted, due) => {
    expect(applicationAcceptanceDate(almaty(received))).toBe(accepted);
    expect(applicationDecisionDue(almaty(received))).toBe(due);
  });
});

describe("escalation of an undecided application", () => {
  it.each([
    ["the morning of the due date", "2026-11-30T10:00", "on_time"],
    ["16:29 on the due date", "2026-11-30T16:29", "on_time"],
    ["16:30: two working hours left", "2026-11-30T16:30", "due_soon"],
    ["18:29", "2026-11-30T18:29", "due_soon"],
    ["18:30: the term has passed", "2026-11-30T18:30", "overdue"],
    ["the next day", "2026-12-01T09:00", "overdue"],
  ])("%s", (_, now, state) => {
    expect(applicationDueState("2026-11-30", almaty(now))).toBe(state);
  });

  it("ends the term at 18:30 Almaty time", () => {
    expect(applicationDueAt("2026-11-30").toISOString()).toBe("2026-11-30T13:30:00.000Z");
  });
});
