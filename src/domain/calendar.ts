// Working days in Kazakhstan for a five-day week, used to count terms given in
// working days. Rules: Saturday and Sunday are days off (Labour Code art. 84);
// the holidays listed in the Law "On holidays in the Republic of Kazakhstan"
// of 13 December 2001 No. 267-II are days off, and one falling on a Saturday
// or Sunday moves to the next working day (art. 5 of that Law), except
// Orthodox Christmas and the first day of Kurban Ait, which never move; the
// authorised body may transfer a day off to another day for a given year
// (Labour Code art. 85 para. 3).
//
// The data for each year is in holidays/YYYY.json, read once by
// loadHolidayCalendar() (the first term computed calls it; the app calls it at
// start so a broken file stops the start): adding a year means adding a
// file. A date in a year without a file throws, because guessing a calendar
// would silently give wrong legal terms.
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { addDays, type IsoDate, isIsoDate, isWeekend, parseIsoDate } from "./dates.ts";

const holidaysFolder = new URL("./holidays/", import.meta.url);
const holidaysFolderPath = fileURLToPath(holidaysFolder);
const yearFileName = /^(\d{4})\.json$/;

const isoDateSchema = z.string().refine(isIsoDate, "expected an existing date as YYYY-MM-DD");

const holidaySchema = z.strictObject({
  date: isoDateSchema,
  name: z.string().min(1),
  // Religious holidays (Orthodox Christmas, Kurban Ait day 1) are days off but never move.
  religious: z.boolean(),
});

const transferSchema = z.strictObject({
  from: isoDateSchema,
  to: isoDateSchema,
  source: z.string().min(1),
});

const holidayYearSchema = z.strictObject({
  year: z.number().int(),
  sources: z.array(z.string().min(1)).min(1),
  holidays: z.array(holidaySchema),
  transfers: z.array(transferSchema),
  notes: z.array(z.string()),
});

export type Holiday = z.infer<typeof holidaySchema>;
export type HolidayYear = z.infer<typeof holidayYearSchema>;

function checkYear(fileName: string, data: HolidayYear, expectedYear: number): void {
  const fail = (problem: string) => {
    throw new Error(`Holiday data ${holidaysFolderPath}${fileName}: ${problem}`);
  };
  if (data.year !== expectedYear) fail(`year ${data.year} does not match the file name`);
  const holidayDates = new Set(data.holidays.map((holiday) => holiday.date));
  for (const holiday of data.holidays) {
    if (parseIsoDate(holiday.date).year !== expectedYear) fail(`holiday ${holiday.date} is not in ${expectedYear}`);
  }
  for (const transfer of data.transfers) {
    if (!isWeekend(transfer.from)) fail(`transfer from ${transfer.from}: not a Saturday or Sunday`);
    if (isWeekend(transfer.to)) fail(`transfer to ${transfer.to}: not a weekday`);
    if (holidayDates.has(transfer.from) || holidayDates.has(transfer.to)) {
      fail(`transfer ${transfer.from} → ${transfer.to} involves a holiday`);
    }
  }
}

function loadYear(fileName: string, expectedYear: number): HolidayYear {
  const text = readFileSync(new URL(fileName, holidaysFolder), "utf8");
  const result = holidayYearSchema.safeParse(JSON.parse(text));
  if (!result.success) {
    throw new Error(`Holiday data ${holidaysFolderPath}${fileName}: ${z.prettifyError(result.error)}`);
  }
  checkYear(fileName, result.data, expectedYear);
  return result.data;
}

function loadAllYears(): HolidayYear[] {
  const years: HolidayYear[] = [];
  for (const fileName of readdirSync(holidaysFolder).sort()) {
    if (!fileName.endsWith(".json")) continue;
    const match = yearFileName.exec(fileName);
    if (!match) throw new Error(`Holiday data ${holidaysFolderPath}${fileName}: the file name must be YYYY.json`);
    years.push(loadYear(fileName, Number(match[1])));
  }
  return years;
}

/**
 * Days off moved from a Saturday or Sunday holiday, in date order so that each
 * lands on the next day that is not a weekend, a holiday, a transferred day
 * off or a day off already moved there (Nauryz 21-22 March 2026 on Sat-Sun,
 * 23 March on Monday → 24 and 25 March). Computed over all years at once so a
 * late-December holiday may move into January of the next file. (A move into
 * the first year with data from a year without a file cannot be known; no
 * holiday is late enough in December for that to happen.)
 */
function computeMovedDaysOff(holidays: readonly Holiday[], transferredOff: ReadonlySet<IsoDate>): Set<IsoDate> {
  const holidayDates = new Set(holidays.map((holiday) => holiday.date));
  const toMove = [...new Set(holidays.filter((h) => !h.religious && isWeekend(h.date)).map((h) => h.date))].sort();
  const moved = new Set<IsoDate>();
  for (const date of toMove) {
    let dayOff = addDays(date, 1);
    while (isWeekend(dayOff) || holidayDates.has(dayOff) || transferredOff.has(dayOff) || moved.has(dayOff)) {
      dayOff = addDays(dayOff, 1);
    }
    moved.add(dayOff);
  }
  return moved;
}

type HolidayCalendar = {
  years: ReadonlySet<number>;
  holidayDates: ReadonlySet<IsoDate>;
  transferredToWork: ReadonlySet<IsoDate>;
  transferredOff: ReadonlySet<IsoDate>;
  movedDaysOff: ReadonlySet<IsoDate>;
};

let loaded: HolidayCalendar | undefined;

/** Reads the holiday files (once) and returns the calendar they make. */
export function loadHolidayCalendar(): HolidayCalendar {
  loaded ??= buildCalendar(loadAllYears());
  return loaded;
}

function buildCalendar(years: HolidayYear[]): HolidayCalendar {
  const allHolidays = years.flatMap((data) => data.holidays);
  const transferredOff = new Set(years.flatMap((data) => data.transfers.map((transfer) => transfer.to)));
  return {
    years: new Set(years.map((data) => data.year)),
    holidayDates: new Set(allHolidays.map((holiday) => holiday.date)),
    transferredToWork: new Set(years.flatMap((data) => data.transfers.map((transfer) => transfer.from))),
    transferredOff,
    movedDaysOff: computeMovedDaysOff(allHolidays, transferredOff),
  };
}

/** The years that have a holiday data file, in order. */
export function holidayCalendarYears(): number[] {
  return [...loadHolidayCalendar().years].sort((a, b) => a - b);
}

function assertSupportedYear(date: IsoDate): void {
  const { year } = parseIsoDate(date);
  if (loadHolidayCalendar().years.has(year)) return;
  throw new Error(
    `No holiday calendar for ${year}: add ${year}.json to ${holidaysFolderPath} ` +
      `(years with data: ${holidayCalendarYears().join(", ") || "none"})`,
  );
}

export function isWorkingDay(date: IsoDate): boolean {
  assertSupportedYear(date);
  const calendar = loadHolidayCalendar();
  if (calendar.transferredOff.has(date)) return false;
  if (calendar.transferredToWork.has(date)) return true;
  if (isWeekend(date)) return false;
  return !calendar.holidayDates.has(date) && !calendar.movedDaysOff.has(date);
}

/**
 * The last day of a term of n working days counted from the day after `date`
 * (a request received on Friday 2026-11-27 with a 1-working-day term is due
 * on Monday 2026-11-30).
 */
export function addWorkingDays(date: IsoDate, n: number): IsoDate {
  if (!Number.isInteger(n) || n < 1)
    throw new RangeError(`A term must be a whole number of working days ≥ 1, got ${n}`);
  parseIsoDate(date);
  let day = date;
  let remaining = n;
  while (remaining > 0) {
    day = addDays(day, 1);
    if (isWorkingDay(day)) remaining--;
  }
  return day;
}

/** The first working day strictly after `date`. */
export function nextWorkingDay(date: IsoDate): IsoDate {
  return addWorkingDays(date, 1);
}

/** `date` itself when it is a working day, otherwise the next working day. */
export function workingDayOnOrAfter(date: IsoDate): IsoDate {
  return isWorkingDay(date) ? date : nextWorkingDay(date);
}

/** The last working day strictly before `date`. */
export function previousWorkingDay(date: IsoDate): IsoDate {
  let day = addDays(date, -1);
  while (!isWorkingDay(day)) day = addDays(day, -1);
  return day;
}
