// Calendar dates as ISO strings 'YYYY-MM-DD'. All arithmetic is done in UTC
// so that the machine's time zone never shifts a date by one day.

export type IsoDate = string;

export type IsoDateParts = { year: number; month: number; day: number };

const isoDatePattern = /^(\d{4})-(\d{2})-(\d{2})$/;
const msPerDay = 24 * 60 * 60 * 1000;
const msPerHour = 60 * 60 * 1000;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  if (month === 4 || month === 6 || month === 9 || month === 11) return 30;
  return 31;
}

function partsOf(text: string): IsoDateParts | null {
  const match = isoDatePattern.exec(text);
  if (!match) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (year < 1 || month < 1 || month > 12) return null;
  if (day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

/** True for an existing calendar date written exactly as 'YYYY-MM-DD' (2026-02-30 is rejected). */
export function isIsoDate(text: string): text is IsoDate {
  return partsOf(text) !== null;
}

/** The year, month and day of an ISO date; throws a RangeError for anything else. */
export function parseIsoDate(text: string): IsoDateParts {
  const parts = partsOf(text);
  if (!parts) throw new RangeError(`Not an ISO date (YYYY-MM-DD): ${JSON.stringify(text)}`);
  return parts;
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, "0");
}

export function formatIsoDate(parts: IsoDateParts): IsoDate {
  return `${pad(parts.year, 4)}-${pad(parts.month, 2)}-${pad(parts.day, 2)}`;
}

// setUTCFullYear rather than Date.UTC: Date.UTC maps years 0-99 to 1900-1999.
function toUtc(date: IsoDate): Date {
  const { year, month, day } = parseIsoDate(date);
  const utc = new Date(0);
  utc.setUTCFullYear(year, month - 1, day);
  return utc;
}

function fromUtc(utc: Date): IsoDate {
  return formatIsoDate({ year: utc.getUTCFullYear(), month: utc.getUTCMonth() + 1, day: utc.getUTCDate() });
}

function assertInteger(n: number, what: string): void {
  if (!Number.isInteger(n)) throw new RangeError(`${what} must be an integer, got ${n}`);
}

export function addDays(date: IsoDate, n: number): IsoDate {
  assertInteger(n, "Number of days");
  return fromUtc(new Date(toUtc(date).getTime() + n * msPerDay));
}

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(date: IsoDate): number {
  return toUtc(date).getUTCDay();
}

export function isWeekend(date: IsoDate): boolean {
  const day = dayOfWeek(date);
  return day === 0 || day === 6;
}

/** Same day number n months later, or the last day of that month when it has no such day (01-31 + 1 → 02-28). */
export function addMonths(date: IsoDate, n: number): IsoDate {
  assertInteger(n, "Number of months");
  const { year, month, day } = parseIsoDate(date);
  const monthIndex = year * 12 + (month - 1) + n;
  const newYear = Math.floor(monthIndex / 12);
  const newMonth = monthIndex - newYear * 12 + 1;
  return formatIsoDate({ year: newYear, month: newMonth, day: Math.min(day, daysInMonth(newYear, newMonth)) });
}

/** Negative when a is earlier than b, 0 when equal, positive when later. */
export function compareIsoDates(a: IsoDate, b: IsoDate): number {
  parseIsoDate(a);
  parseIsoDate(b);
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

// Kazakhstan moved to a single time zone, UTC+5, at 00:00 on 1 March 2024
// (Government decree of December 2023); Almaty had been UTC+6 (no daylight
// saving since 2005). A fixed rule keeps the result independent of the tz
// database installed on the server, which may predate the change.
const almatyUtc5Since = Date.UTC(2024, 1, 29, 18, 0); // 2024-03-01T00:00+06:00

function almatyWallClock(instant: Date): Date {
  const ms = instant.getTime();
  if (Number.isNaN(ms)) throw new RangeError("Invalid Date");
  const offsetHours = ms < almatyUtc5Since ? 6 : 5;
  return new Date(ms + offsetHours * msPerHour);
}

/** The calendar date in Almaty (Asia/Almaty) at the given instant. */
export function almatyDate(instant: Date): IsoDate {
  return fromUtc(almatyWallClock(instant));
}

/** The wall-clock time 'HH:MM' in Almaty (Asia/Almaty) at the given instant. */
export function almatyTime(instant: Date): string {
  const wall = almatyWallClock(instant);
  return `${pad(wall.getUTCHours(), 2)}:${pad(wall.getUTCMinutes(), 2)}`;
}

/** The instant at which Almaty wall clocks show `time` ('HH:MM') on `date`. */
export function almatyInstant(date: IsoDate, time: string): Date {
  const { year, month, day } = parseIsoDate(date);
  const match = /^(\d{2}):(\d{2})$/.exec(time);
  if (!match) throw new RangeError(`Expected HH:MM, got ${time}`);
  const wall = Date.UTC(year, month - 1, day, Number(match[1]), Number(match[2]));
  // Wall clocks read UTC+6 until the switch, UTC+5 after it.
  const asUtc5 = wall - 5 * msPerHour;
  return new Date(asUtc5 >= almatyUtc5Since ? asUtc5 : wall - 6 * msPerHour);
}
