// What the bot's messages in the staff chat stand for, so that an operator's
// reply or a button finds its subject. Stored as JSON, parsed on the way out.
import { z } from "zod";
import type { StoredStaffPost } from "../db/staff-chats.ts";
import { refusalGrounds } from "../domain/application.ts";

/** What an operator answers by replying to the bot's question about an appeal. */
export const appealReplyActions = ["satisfy", "refuse", "extend", "lacking"] as const;
export type AppealReplyAction = (typeof appealReplyActions)[number];

/** Likewise for a complaint (renewing the term needs no reasoning, so no reply). */
export const complaintReplyActions = ["refuseRenewal", "satisfy", "refuse"] as const;
export type ComplaintReplyAction = (typeof complaintReplyActions)[number];

const id = z.uuid();
/** The operator who was asked: only their reply counts. */
const operatorId = z.number().int();

export const staffPostSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("application_card"), applicationId: id }),
  z.object({ kind: z.literal("due_warning"), applicationId: id }),
  z.object({ kind: z.literal("thread_card"), threadId: id }),
  z.object({ kind: z.literal("thread_message"), threadId: id }),
  z.object({ kind: z.literal("refusal_comment"), applicationId: id, ground: z.enum(refusalGrounds), operatorId }),
  z.object({ kind: z.literal("appeal_card"), appealId: id }),
  z.object({ kind: z.literal("appeal_reply"), appealId: id, action: z.enum(appealReplyActions), operatorId }),
  z.object({ kind: z.literal("complaint_reply"), complaintId: id, action: z.enum(complaintReplyActions), operatorId }),
]);
export type StaffPost = z.infer<typeof staffPostSchema>;

/** The bot's questions that one operator answers by replying. */
export type StaffQuestion = Extract<StaffPost, { operatorId: number }>;

/** A stored post as the union; undefined for a row that does not parse (written by hand, or by a newer version). */
export function parseStaffPost(row: StoredStaffPost): StaffPost | undefined {
  const payload = typeof row.payload === "object" && row.payload !== null ? row.payload : {};
  const parsed = staffPostSchema.safeParse({
    ...(row.applicationId ? { applicationId: row.applicationId } : {}),
    ...(row.threadId ? { threadId: row.threadId } : {}),
    ...payload,
    kind: row.kind,
  });
  return parsed.success ? parsed.data : undefined;
}
