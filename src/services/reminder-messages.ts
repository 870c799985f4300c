// The kinds of reminder, each with what its payload holds: one schema, used
// when a reminder is scheduled (typed) and when it is read back (parsed).
import { z } from "zod";
import type { ClaimedReminderRow, ReminderRow } from "../db/reminders.ts";
import { appealStatuses } from "../domain/appeal.ts";
import { complaintStatuses } from "../domain/complaint.ts";
import { isIsoDate } from "../domain/dates.ts";

const isoDate = z.string().refine(isIsoDate, "expected a date as YYYY-MM-DD");

export const reminderMessageSchema = z.discriminatedUnion("kind", [
  /** An operator's decision on an application, for the applicant. */
  z.object({ kind: z.literal("application_decided"), payload: z.object({ applicationId: z.uuid() }) }),
  /** The application's term ended undecided (skipped once decided). */
  z.object({
    kind: z.literal("application_due"),
    payload: z.object({ applicationId: z.uuid(), number: z.string(), dueDate: isoDate }),
  }),
  z.object({
    kind: z.literal("appeal_changed"),
    payload: z.object({ appealId: z.uuid(), status: z.enum(appealStatuses) }),
  }),
  /** The day after an appeal's term: undecided, it counts as refused. */
  z.object({ kind: z.literal("appeal_silence"), payload: z.object({ appealId: z.uuid() }) }),
  /** The working day before, and the day of, the date to put an appeal right. */
  z.object({ kind: z.literal("appeal_fix_by"), payload: z.object({ appealId: z.uuid(), fixBy: isoDate }) }),
  z.object({
    kind: z.literal("complaint_changed"),
    payload: z.object({ complaintId: z.uuid(), status: z.enum(complaintStatuses) }),
  }),
  z.object({ kind: z.literal("complaint_silence"), payload: z.object({ complaintId: z.uuid() }) }),
  /** 7 days and 1 day before the 3-month window for a complaint closes. */
  z.object({
    kind: z.literal("complaint_window"),
    payload: z.object({ subject: z.string(), number: z.string(), ends: isoDate }),
  }),
  /** A draft untouched for long is about to be deleted (services/retention.ts); skipped once touched again. */
  z.object({
    kind: z.literal("draft_expiring"),
    payload: z.object({ draftId: z.uuid(), deletesOn: isoDate, idleSince: z.number().int() }),
  }),
  /** The staff chat's morning digest. */
  z.object({ kind: z.literal("staff_digest"), payload: z.object({ today: isoDate, next: isoDate }) }),
  /** An undecided application near (2 working hours) or past its term, posted again in the staff chat. */
  z.object({
    kind: z.literal("staff_escalation"),
    payload: z.object({ applicationId: z.uuid(), level: z.enum(["due_soon", "overdue"]) }),
  }),
  /** Messages still undelivered an hour after they were due (Telegram refusing them), for the staff chat. */
  z.object({
    kind: z.literal("staff_outbox_overdue"),
    payload: z.object({
      groups: z.array(z.object({ kind: z.string(), count: z.number().int(), oldestDueAt: z.iso.datetime() })),
    }),
  }),
  /** An appeal or a complaint refused by silence, for the staff chat. */
  z.object({
    kind: z.literal("staff_overdue"),
    payload: z.object({ what: z.enum(["appeal", "complaint"]), number: z.string(), dueDate: isoDate }),
  }),
]);
export type ReminderMessage = z.infer<typeof reminderMessageSchema>;
export type ReminderKind = ReminderMessage["kind"];

/** Every kind, a closed list (metrics label with it). */
export const reminderKinds: readonly ReminderKind[] = reminderMessageSchema.options.map(
  (option) => option.shape.kind.value,
);

export function isReminderKind(kind: string): kind is ReminderKind {
  return (reminderKinds as readonly string[]).includes(kind);
}

/** A reminder to schedule: when, to which chat, and at most once per key. */
export type NewReminder = ReminderMessage & { dueAt: Date; chatId: number; dedupeKey?: string };

/** A claimed reminder, parsed. */
export type DueReminder = ReminderMessage & { id: string; chatId: number; attempts: number; dueAt: Date };

export function reminderRow(reminder: NewReminder): ReminderRow {
  return {
    dueAt: reminder.dueAt,
    chatId: reminder.chatId,
    kind: reminder.kind,
    payload: reminder.payload,
    ...(reminder.dedupeKey ? { dedupeKey: reminder.dedupeKey } : {}),
  };
}

/** undefined for a row whose kind or payload does not parse (written by hand, or by another version). */
export function parseDueReminder(row: ClaimedReminderRow): DueReminder | undefined {
  const parsed = reminderMessageSchema.safeParse({ kind: row.kind, payload: row.payload });
  return parsed.success
    ? { ...parsed.data, id: row.id, chatId: row.chatId, attempts: row.attempts, dueAt: row.dueAt }
    : undefined;
}
