// Terms of the administrative procedure, each crossing days off: New Year,
// Nauryz, month ends, a leap year. Expected dates checked by hand against the
// calendar (holidays/*.json).
import { describe, expect, it } from "vitest";
import {
  addMonthsTerm,
  appealDecisionDue,
  appealExtensionLimit,
  complaintDecisionDue,
  complaintWindowEnds,
  referralDue,
} from "../../src/domain/deadlines.ts";

describe("appealDecisionDue: 15 working days from receipt", () => {
  it.each([
    ["across New Year and Orthodox Christmas", "2025-12-22", "2026-01-15"],
    ["across Nauryz (21–25 March 2026 off)", "2026-03-10", "2026-04-03"],
    ["across Independence Day 2026", "2026-11-27", "2026-12-21"],
  ])("%s", (_, received, due) => expect(appealDecisionDue(received)).toBe(due));
});

describe("referralDue: 3 working days from receipt", () => {
  it.each([
    ["across New Year", "2025-12-30", "2026-01-06"],
    ["across Nauryz", "2026-03-19", "2026-03-27"],
    ["across Independence Day", "2026-12-15", "2026-12-21"],
  ])("%s", (_, received, due) => expect(referralDue(received)).toBe(due));
});

describe("complaintDecisionDue: 5 working days from receipt", () => {
  it.each([
    ["across New Year", "2025-12-26", "2026-01-06"],
    ["across Nauryz", "2026-03-18", "2026-03-30"],
    ["across Defender's Day and the moved Victory Day", "2026-05-06", "2026-05-15"],
  ])("%s", (_, received, due) => expect(complaintDecisionDue(received)).toBe(due));
});

describe("complaintWindowEnds: 3 months from the day the person learned of the act", () => {
  it.each([
    ["31 January → 30 April (April has no 31st)", "2026-01-31", "2026-04-30"],
    ["30 November → 28 February, a Saturday → Monday 2 March", "2025-11-30", "2026-03-02"],
    ["into a leap year: 30 November 2027 → 29 February 2028", "2027-11-30", "2028-02-29"],
    ["onto Nauryz 2027 (21 March, a Sunday) → 25 March", "2026-12-21", "2027-03-25"],
    ["onto Nauryz 2026 (23 March) → 26 March", "2025-12-23", "2026-03-26"],
  ])("%s", (_, learned, ends) => expect(complaintWindowEnds(learned)).toBe(ends));
});

describe("appealExtensionLimit: 2 months after the original due date", () => {
  it.each([
    ["due 21.12.2026 → 21.02.2027, a Sunday → 22.02.2027", "2026-11-27", "2027-02-22"],
    ["due 05.01.2026 → 05.03.2026", "2025-12-10", "2026-03-05"],
    ["due 29.12.2027 → 29.02.2028 (leap year)", "2027-12-09", "2028-02-29"],
  ])("%s", (_, received, limit) => expect(appealExtensionLimit(received)).toBe(limit));
});

describe("month terms", () => {
  it("31 January + 1 month is the last day of February, moved off a weekend", () => {
    expect(addMonthsTerm("2027-01-31", 1)).toBe("2027-03-01");
    expect(addMonthsTerm("2028-01-31", 1)).toBe("2028-02-29");
  });
});
