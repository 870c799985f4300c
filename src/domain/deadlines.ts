// Legal terms, as dates 'YYYY-MM-DD' in Asia/Almaty. Everything the bot says
// about a due date comes from here, so /status, receipts and the staff chat agree.
import { addWorkingDays, isWorkingDay, nextWorkingDay } from "./calendar.ts";
import { almatyDate, almatyInstant, almatyTime, type IsoDate } from "./dates.ts";

/** The public service "Registration of job seekers" is delivered within 1 working day. */
export const APPLICATION_TERM_WORKING_DAYS = 1;

/** End of the service provider's working day (career centres work 9:00–18:30). */
export const WORKING_DAY_ENDS_AT = "18:30";

/**
 * The day an application counts as accepted. The rules of providing public
 * services: a request made after working hours, on a day off or a holiday is
 * accepted, and its result given, on the next working day.
 */
export function applicationAcceptanceDate(receivedAt: Date): IsoDate {
  const date = almatyDate(receivedAt);
  if (!isWorkingDay(date)) return nextWorkingDay(date);
  return almatyTime(receivedAt) >= WORKING_DAY_ENDS_AT ? nextWorkingDay(date) : date;
}

/** The last day the result of an application received at this instant is due. */
export function applicationDecisionDue(receivedAt: Date): IsoDate {
  return addWorkingDays(applicationAcceptanceDate(receivedAt), APPLICATION_TERM_WORKING_DAYS);
}

/** The moment an application's result is due: the end of the working day of its due date. */
export function applicationDueAt(dueDate: IsoDate): Date {
  return almatyInstant(dueDate, WORKING_DAY_ENDS_AT);
}

/** Operators are warned this many working hours before the term ends. */
export const DUE_WARNING_HOURS = 2;

export type DueState = "on_time" | "due_soon" | "overdue";

/**
 * Where an undecided application stands against its term: due soon from 2
 * working hours before the end of the due date's working day (16:30, inside
 * that same working day), overdue from its end.
 */
export function applicationDueState(dueDate: IsoDate, now: Date): DueState {
  const dueAt = applicationDueAt(dueDate).getTime();
  if (now.getTime() >= dueAt) return "overdue";
  if (now.getTime() >= dueAt - DUE_WARNING_HOURS * 3_600_000) return "due_soon";
  return "on_time";
}
