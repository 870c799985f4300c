// Legal terms, as dates 'YYYY-MM-DD' in Asia/Almaty. Everything the bot says
// about a due date comes from here, so /status, receipts and the staff chat agree.
import { addWorkingDays } from "./calendar.ts";
import { almatyDate, type IsoDate } from "./dates.ts";

/** The public service "Registration of job seekers" is delivered within 1 working day. */
export const APPLICATION_TERM_WORKING_DAYS = 1;

/** The last day the result of an application received at this instant is due. */
export function applicationDecisionDue(receivedAt: Date): IsoDate {
  return addWorkingDays(almatyDate(receivedAt), APPLICATION_TERM_WORKING_DAYS);
}
