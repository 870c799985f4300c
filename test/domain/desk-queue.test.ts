// The desk's queue filters: a term ends with its due date, so a case due
// today is not yet overdue; an appeal's extended date replaces its due date.
import { describe, expect, it } from "vitest";
import { type DeskFilter, filterDeskQueue } from "../../src/domain/desk-queue.ts";

const queue = {
  applications: [
    { number: "2026-000001", dueDate: "2026-11-30", assignee: { id: 1 } },
    { number: "2026-000002", dueDate: "2026-11-27", assignee: null },
    { number: "2026-000003", dueDate: "2026-12-02", assignee: { id: 2 } },
  ],
  appeals: [
    { number: "A-2026-000001", dueDate: "2026-11-27", extendedTo: "2026-12-10" },
    { number: "A-2026-000002", dueDate: "2026-11-30", extendedTo: null },
  ],
  complaints: [{ number: "C-2026-000001", dueDate: "2026-11-26" }],
  threads: [{ id: "t" }],
};

const numbers = (filter: DeskFilter, operatorId = 1, today = "2026-11-30") => {
  const shown = filterDeskQueue(queue, filter, operatorId, today);
  return [...shown.applications, ...shown.appeals, ...shown.complaints].map((item) => item.number);
};

describe("the desk's queue filters", () => {
  it.each([
    ["due_today", ["2026-000001", "A-2026-000002"]],
    ["overdue", ["2026-000002", "C-2026-000001"]],
    ["mine", ["2026-000001"]],
    ["appeals", ["A-2026-000001", "A-2026-000002"]],
    ["complaints", ["C-2026-000001"]],
  ] as const)("%s shows %j", (filter, expected) => {
    expect(numbers(filter)).toEqual(expected);
  });

  it("shows everything, conversations too, unfiltered; a filter leaves conversations out", () => {
    expect(filterDeskQueue(queue, "all", 1, "2026-11-30")).toBe(queue);
    expect(filterDeskQueue(queue, "overdue", 1, "2026-11-30").threads).toEqual([]);
  });

  it("takes an appeal's extended date as its due date", () => {
    expect(numbers("overdue", 1, "2026-12-09")).not.toContain("A-2026-000001");
    expect(numbers("due_today", 1, "2026-12-10")).toEqual(["A-2026-000001"]);
  });
});
