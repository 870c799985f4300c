// Legal terms, as dates 'YYYY-MM-DD' in Asia/Almaty. Everything the bot says
// about a due date comes from here, so /status, receipts and the staff chat agree.
import { addWorkingDays, isWorkingDay, nextWorkingDay, workingDayOnOrAfter } from "./calendar.ts";
import { addMonths, almatyDate, almatyInstant, almatyTime, type IsoDate } from "./dates.ts";

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

/** Each working morning the staff chat is told what falls due today and on the next working day. */
export const STAFF_DIGEST_TIME = "09:00";

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

// ── The administrative procedure (Administrative Procedural Code of the
// Republic of Kazakhstan, APPC). Dates are 'YYYY-MM-DD'; a term in working
// days ends on its last working day counted from the day after the start; a
// term in months ends on the same day number of the later month (its last
// day when it has none), moved to the next working day when that is a day off.

/** APPC: an appeal is considered within 15 working days from its receipt. */
export const APPEAL_TERM_WORKING_DAYS = 15;
/** APPC: an appeal outside the body's competence is referred within 3 working days of receipt. */
export const REFERRAL_TERM_WORKING_DAYS = 3;
/** APPC: the term may be extended by a reasoned decision of the head of the body, by at most 2 months. */
export const APPEAL_EXTENSION_MONTHS = 2;
/** APPC: a complaint is filed within 3 months from the day the person learned of the act. */
export const COMPLAINT_WINDOW_MONTHS = 3;
/** APPC: a complaint is considered within 5 working days from its receipt. */
export const COMPLAINT_TERM_WORKING_DAYS = 5;
/**
 * An appeal missing a requirement of APPC art. 63 is given "a reasonable time"
 * to be put right: 3 working days unless the operator sets another.
 */
export const APPEAL_FIX_WORKING_DAYS = 3;

/** A term in months, ending on a working day. */
export function addMonthsTerm(start: IsoDate, months: number): IsoDate {
  return workingDayOnOrAfter(addMonths(start, months));
}

export function appealDecisionDue(received: IsoDate): IsoDate {
  return addWorkingDays(received, APPEAL_TERM_WORKING_DAYS);
}

export function referralDue(received: IsoDate): IsoDate {
  return addWorkingDays(received, REFERRAL_TERM_WORKING_DAYS);
}

/** The latest an extended appeal may be decided: 2 months after its original due date. */
export function appealExtensionLimit(received: IsoDate): IsoDate {
  return addMonthsTerm(appealDecisionDue(received), APPEAL_EXTENSION_MONTHS);
}

export function complaintWindowEnds(learned: IsoDate): IsoDate {
  return addMonthsTerm(learned, COMPLAINT_WINDOW_MONTHS);
}

export function complaintDecisionDue(received: IsoDate): IsoDate {
  return addWorkingDays(received, COMPLAINT_TERM_WORKING_DAYS);
}

export function appealFixDue(markedAt: IsoDate, workingDays: number = APPEAL_FIX_WORKING_DAYS): IsoDate {
  return addWorkingDays(markedAt, workingDays);
}
