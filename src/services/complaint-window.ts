// When a refusal (or silence) gives grounds for a complaint, the person is
// reminded 7 days and 1 day before the 3-month window closes, unless they have
// complained by then (checked at sending).
import { addDays, almatyInstant, type IsoDate } from "../domain/dates.ts";
import { complaintWindowEnds } from "../domain/deadlines.ts";
import type { NewReminder } from "./reminder-messages.ts";

export function complaintWindowReminders(
  subject: string,
  number: string,
  learned: IsoDate,
  chatId: number,
): NewReminder[] {
  const ends = complaintWindowEnds(learned);
  return [7, 1].map((daysBefore) => ({
    kind: "complaint_window" as const,
    dueAt: almatyInstant(addDays(ends, -daysBefore), "09:00"),
    chatId,
    payload: { subject, number, ends },
    dedupeKey: `complaint_window:${subject}:${daysBefore}`,
  }));
}
