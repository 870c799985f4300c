// The day after an appeal's or a complaint's term: undecided by then, it
// counts as refused and the person is told (APPC: silence is a refusal).
import { addDays, almatyInstant, type IsoDate } from "../domain/dates.ts";
import type { NewReminder } from "./reminder-messages.ts";

export type SilentSubject = { kind: "appeal"; id: string } | { kind: "complaint"; id: string };

export function silenceAfter(subject: SilentSubject, dueDate: IsoDate, chatId: number): NewReminder {
  const dueAt = almatyInstant(addDays(dueDate, 1), "00:00");
  const dedupeKey = `${subject.kind}_silence:${subject.id}:${dueDate}`;
  return subject.kind === "appeal"
    ? { kind: "appeal_silence", dueAt, chatId, payload: { appealId: subject.id }, dedupeKey }
    : { kind: "complaint_silence", dueAt, chatId, payload: { complaintId: subject.id }, dedupeKey };
}
