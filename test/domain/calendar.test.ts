import { describe, expect, it } from "vitest";
import {
  addWorkingDays,
  holidayCalendarYears,
  isWorkingDay,
  nextWorkingDay,
  workingDayOnOrAfter,
} from "../../src/domain/calendar.ts";
import {
  addDays,
  addMonths,
  almatyDate,
  almatyTime,
  compareIsoDates,
  dayOfWeek,
  isIsoDate,
  parseIsoDate,
} from "../../src/domain/dates.ts";

function datesOfYear(year: number): string[] {
  const dates: string[] = [];
  for (let date = `${year}-01-01`; date.startsWith(String(year)); date = addDays(date, 1)) dates.push(date);
  return dates;
}

function weekdayDaysOff(year: number): string[] {
  return datesOfYear(year).filter((date) => dayOfWeek(date) !== 0 && dayOfWeek(date) !== 6 && !isWorkingDay(date));
}

function weekendWorkingDays(year: number): string[] {
  return datesOfYear(year).filter((date) => (dayOfWeek(date) === 0 || dayOfWeek(date) === 6) && isWorkingDay(date));
}

describe("holiday data", () => {
  it("has 2025, 2026 and 2027", () => {
    expect(holidayCalendarYears()).toEqual(expect.arrayContaining([2025, 2026, 2027]));
  });
});

describe("2026", () => {
  // Every weekday that is a day off in 2026, with the reason.
  const daysOff2026 = [
    ["2026-01-01", "New Year"],
    ["2026-01-02", "New Year"],
    ["2026-01-07", "Orthodox Christmas"],
    ["2026-03-09", "8 March is a Sunday"],
    ["2026-03-23", "Nauryz"],
    ["2026-03-24", "Nauryz 21 March is a Saturday"],
    ["2026-03-25", "Nauryz 22 March is a Sunday"],
    ["2026-05-01", "Unity Day"],
    ["2026-05-07", "Defender of the Fatherland Day"],
    ["2026-05-11", "Victory Day 9 May is a Saturday"],
    ["2026-05-27", "Kurban Ait"],
    ["2026-07-06", "Capital Day"],
    ["2026-10-26", "Republic Day 25 October is a Sunday"],
    ["2026-12-16", "Independence Day"],
  ] as const;

  it.each(daysOff2026)("%s is a day off (%s)", (date) => {
    expect(isWorkingDay(date)).toBe(false);
  });

  it("has no other weekday off", () => {
    expect(weekdayDaysOff(2026)).toEqual(daysOff2026.map(([date]) => date));
  });

  it("has no working Saturday or Sunday", () => {
    expect(weekendWorkingDays(2026)).toEqual([]);
  });

  it.each(["2026-03-21", "2026-03-22", "2026-05-09", "2026-10-25", "2026-03-08"])(
    "%s is a weekend holiday, so a day off",
    (date) => {
      expect(isWorkingDay(date)).toBe(false);
    },
  );

  it("no longer has Constitution Day on 30 August: Monday 31 August is a working day", () => {
    expect(isWorkingDay("2026-08-31")).toBe(true);
  });

  it("does not yet have 15 March as Constitution Day: Monday 16 March is a working day", () => {
    expect(isWorkingDay("2026-03-16")).toBe(true);
  });

  it.each(["2026-01-05", "2026-01-06", "2026-01-08", "2026-03-10", "2026-03-26", "2026-05-08", "2026-05-12"])(
    "%s is a working day",
    (date) => {
      expect(isWorkingDay(date)).toBe(true);
    },
  );
});

describe("2025", () => {
  it("3 January is a day off, transferred from Sunday 5 January", () => {
    expect(isWorkingDay("2025-01-03")).toBe(false);
    expect(isWorkingDay("2025-01-04")).toBe(false);
    expect(isWorkingDay("2025-01-05")).toBe(true);
  });

  it("lists every weekday off", () => {
    expect(weekdayDaysOff(2025)).toEqual([
      "2025-01-01",
      "2025-01-02",
      "2025-01-03",
      "2025-01-07",
      "2025-03-10", // 8 March on Saturday
      "2025-03-21",
      "2025-03-24", // 22 March on Saturday
      "2025-03-25", // 23 March on Sunday
      "2025-05-01",
      "2025-05-07",
      "2025-05-09",
      "2025-06-06", // Kurban Ait
      "2025-07-07", // 6 July on Sunday
      "2025-09-01", // Constitution Day 30 August on Saturday
      "2025-10-27", // Republic Day 25 October on Saturday
      "2025-12-16",
    ]);
  });

  it("has exactly one working weekend day, 5 January", () => {
    expect(weekendWorkingDays(2025)).toEqual(["2025-01-05"]);
  });
});

describe("2027", () => {
  it.each([
    ["2027-01-01", "New Year"],
    ["2027-01-04", "New Year 2 January is a Saturday"],
    ["2027-01-07", "Orthodox Christmas"],
    ["2027-03-08", "International Women's Day"],
    ["2027-03-15", "Constitution Day"],
    ["2027-03-22", "Nauryz"],
    ["2027-03-23", "Nauryz"],
    ["2027-03-24", "Nauryz 21 March is a Sunday"],
    ["2027-05-03", "Unity Day 1 May is a Saturday"],
    ["2027-05-07", "Defender of the Fatherland Day"],
    ["2027-05-10", "Victory Day 9 May is a Sunday"],
    ["2027-07-06", "Capital Day"],
    ["2027-10-25", "Republic Day"],
    ["2027-12-16", "Independence Day"],
  ])("%s is a day off (%s)", (date) => {
    expect(isWorkingDay(date)).toBe(false);
  });

  it("Kurban Ait on Sunday 16 May does not move: 17 May is a working day", () => {
    expect(isWorkingDay("2027-05-16")).toBe(false);
    expect(isWorkingDay("2027-05-17")).toBe(true);
  });

  it("30 August is a working day", () => {
    expect(isWorkingDay("2027-08-30")).toBe(true);
  });

  it("has no other weekday off", () => {
    expect(weekdayDaysOff(2027)).toEqual([
      "2027-01-01",
      "2027-01-04",
      "2027-01-07",
      "2027-03-08",
      "2027-03-15",
      "2027-03-22",
      "2027-03-23",
      "2027-03-24",
      "2027-05-03",
      "2027-05-07",
      "2027-05-10",
      "2027-07-06",
      "2027-10-25",
      "2027-12-16",
    ]);
  });
});

describe("addWorkingDays", () => {
  it.each([
    { from: "2026-11-27", n: 1, due: "2026-11-30", why: "Friday + 1 → Monday" },
    { from: "2026-11-25", n: 1, due: "2026-11-26", why: "a plain weekday" },
    { from: "2026-11-28", n: 1, due: "2026-11-30", why: "received on a Saturday" },
    { from: "2025-12-31", n: 1, due: "2026-01-05", why: "across New Year 2026" },
    { from: "2026-12-31", n: 1, due: "2027-01-05", why: "across New Year 2027 (2 January moved to 4 January)" },
    {
      from: "2024-12-31",
      n: 1,
      due: "2025-01-05",
      why: "from a year without data into 2025, landing on the working Sunday",
    },
    { from: "2026-03-20", n: 1, due: "2026-03-26", why: "across Nauryz 2026" },
    { from: "2026-03-20", n: 15, due: "2026-04-15", why: "15 working days across Nauryz 2026" },
    { from: "2026-03-05", n: 3, due: "2026-03-11", why: "across 8 March moved to 9 March" },
    { from: "2026-05-06", n: 3, due: "2026-05-13", why: "across 7 and 11 May" },
    { from: "2027-05-14", n: 1, due: "2027-05-17", why: "Kurban Ait on a Sunday does not move" },
    { from: "2025-01-02", n: 1, due: "2025-01-05", why: "the working Sunday of 2025" },
  ])("$from + $n → $due ($why)", ({ from, n, due }) => {
    expect(addWorkingDays(from, n)).toBe(due);
  });

  it("throws for a year without data, naming the year and the folder", () => {
    expect(() => addWorkingDays("2030-06-01", 1)).toThrow(/2030.*holidays/);
    expect(() => isWorkingDay("2024-06-03")).toThrow(/2024/);
  });

  it("throws when the term runs past the last year with data", () => {
    const last = Math.max(...holidayCalendarYears());
    expect(() => addWorkingDays(`${last}-12-31`, 1)).toThrow(String(last + 1));
  });

  it.each([0, -1, 1.5, Number.NaN])("rejects a term of %s days", (n) => {
    expect(() => addWorkingDays("2026-06-01", n)).toThrow(RangeError);
  });

  it("rejects an invalid date", () => {
    expect(() => addWorkingDays("2026-02-30", 1)).toThrow(RangeError);
    expect(() => isWorkingDay("26-03-01")).toThrow(RangeError);
  });
});

describe("nextWorkingDay and workingDayOnOrAfter", () => {
  it("nextWorkingDay is strictly after the date", () => {
    expect(nextWorkingDay("2026-06-01")).toBe("2026-06-02");
    expect(nextWorkingDay("2026-03-20")).toBe("2026-03-26");
  });

  it("workingDayOnOrAfter keeps a working day and skips days off", () => {
    expect(workingDayOnOrAfter("2026-06-01")).toBe("2026-06-01");
    expect(workingDayOnOrAfter("2026-03-21")).toBe("2026-03-26");
    expect(workingDayOnOrAfter("2026-01-01")).toBe("2026-01-05");
  });
});

describe("dates", () => {
  it.each(["2026-01-01", "2024-02-29", "2000-02-29", "2026-12-31"])("%s is an ISO date", (text) => {
    expect(isIsoDate(text)).toBe(true);
  });

  it.each([
    "2026-02-30",
    "2025-02-29",
    "1900-02-29",
    "2026-13-01",
    "2026-00-10",
    "2026-04-31",
    "2026-1-01",
    "2026-01-01T00:00",
    " 2026-01-01",
    "",
  ])("%j is not an ISO date", (text) => {
    expect(isIsoDate(text)).toBe(false);
    expect(() => parseIsoDate(text)).toThrow(RangeError);
  });

  it("parses the parts", () => {
    expect(parseIsoDate("2026-03-09")).toEqual({ year: 2026, month: 3, day: 9 });
  });

  it("adds days across months, years and leap days", () => {
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2024-02-28", 1)).toBe("2024-02-29");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
    expect(addDays("2026-01-01", 365)).toBe("2027-01-01");
  });

  it("gives the day of the week, 0 = Sunday", () => {
    expect(dayOfWeek("2026-11-27")).toBe(5);
    expect(dayOfWeek("2026-03-22")).toBe(0);
    expect(dayOfWeek("2026-03-21")).toBe(6);
  });

  it.each([
    ["2025-01-31", 1, "2025-02-28"],
    ["2024-01-31", 1, "2024-02-29"],
    ["2026-03-31", 1, "2026-04-30"],
    ["2026-01-15", 1, "2026-02-15"],
    ["2026-11-30", 3, "2027-02-28"],
    ["2026-03-31", -1, "2026-02-28"],
    ["2026-01-10", 12, "2027-01-10"],
  ] as const)("addMonths(%s, %i) = %s", (date, n, expected) => {
    expect(addMonths(date, n)).toBe(expected);
  });

  it("compares dates", () => {
    expect(compareIsoDates("2026-01-02", "2026-01-10")).toBeLessThan(0);
    expect(compareIsoDates("2026-01-10", "2026-01-02")).toBeGreaterThan(0);
    expect(compareIsoDates("2026-01-10", "2026-01-10")).toBe(0);
  });

  it.each([
    // UTC+5 since 1 March 2024
    ["2026-03-20T18:59:00Z", "2026-03-20", "23:59"],
    ["2026-03-20T19:00:00Z", "2026-03-21", "00:00"],
    ["2026-06-30T23:30:00Z", "2026-07-01", "04:30"],
    // UTC+6 before
    ["2024-02-29T17:59:00Z", "2024-02-29", "23:59"],
    ["2023-12-31T18:00:00Z", "2024-01-01", "00:00"],
    // the switch: clocks went back from 00:00 1 March to 23:00 29 February
    ["2024-02-29T18:00:00Z", "2024-02-29", "23:00"],
  ])("Almaty wall time of %s is %s %s", (instant, date, time) => {
    expect(almatyDate(new Date(instant))).toBe(date);
    expect(almatyTime(new Date(instant))).toBe(time);
  });
});
