// Use case: the staff group holds no one's data, also what versions before
// the masked cards posted there (the whole form, IIN, phone, address). Once
// in all — a data task the migration left — the bot's recorded messages in the
// staff chat are planned: a card is shown again as it is rendered today, a
// relayed text (not stored, so it cannot be rendered again) is deleted.
//
// Only what was recorded can be reached: the posts of staff_post (with their
// chat) and the cards kept on their subject's row (application, appeal,
// complaint, support thread: in the staff chat of the time). No version
// recorded its /find answers, its /export files, nor the "in full" message it
// posted above a long card: those stay in the group until someone deletes them.
import { z } from "zod";
import type { RecordedPost } from "../db/staff-group-records.ts";
import type { UnitOfWork } from "../db/unit-of-work.ts";
import { parseStaffPost } from "./staff-posts.ts";

export const MASK_STAFF_GROUP_TASK = "mask_staff_group";

/** What a card is about: the desk renders each the way it does today. */
export type MaskedCardSubject = "application" | "appeal" | "complaint" | "thread";

export type MaskingStep =
  | { action: "render"; messageId: number; subject: MaskedCardSubject; id: string }
  /** A message that cannot be rendered again; a term warning that cannot be deleted is rendered as its card. */
  | { action: "delete"; messageId: number; orElse?: { subject: "application"; id: string } };

export type MaskingPlan = {
  chatId: number;
  /** Oldest message first: the report's `lastMessageId` says how far a run got. */
  steps: MaskingStep[];
  /** Recorded messages the bot cannot reach: in a group that became a supergroup, or in a chat not written down. */
  notReached: number;
};

export const maskingReportSchema = z.object({
  /** The last message dealt with: a run cut off goes on after it. */
  lastMessageId: z.number().int(),
  /** Cards shown again in the masked form. */
  rendered: z.number().int(),
  /** Telegram answered "message is not modified": masked already. */
  unchanged: z.number().int(),
  deleted: z.number().int(),
  /** Deleted already (by an operator), or never there. */
  gone: z.number().int(),
  /** Telegram refused to edit or delete them (deleting is allowed for 48 hours): they still name people. */
  remaining: z.number().int(),
  notReached: z.number().int(),
});
export type MaskingReport = z.infer<typeof maskingReportSchema>;

const emptyReport = (): MaskingReport => ({
  lastMessageId: 0,
  rendered: 0,
  unchanged: 0,
  deleted: 0,
  gone: 0,
  remaining: 0,
  notReached: 0,
});

/** The kinds of staff_post this plans for; questions to operators and others name no one. */
const maskedKinds = ["application_card", "appeal_card", "thread_card", "thread_message", "due_warning"] as const;

function stepOf(post: RecordedPost): MaskingStep | undefined {
  const parsed = parseStaffPost(post);
  if (!parsed) return undefined;
  switch (parsed.kind) {
    case "application_card":
      return { action: "render", messageId: post.messageId, subject: "application", id: parsed.applicationId };
    case "appeal_card":
      return { action: "render", messageId: post.messageId, subject: "appeal", id: parsed.appealId };
    case "thread_card":
      return { action: "render", messageId: post.messageId, subject: "thread", id: parsed.threadId };
    case "thread_message":
      return { action: "delete", messageId: post.messageId };
    // A term warning repeated the whole card under its header.
    case "due_warning":
      return {
        action: "delete",
        messageId: post.messageId,
        orElse: { subject: "application", id: parsed.applicationId },
      };
    default:
      return undefined;
  }
}

export type StaffGroupMasking = ReturnType<typeof createStaffGroupMasking>;

export function createStaffGroupMasking(db: UnitOfWork) {
  const { dataTasks, staffGroupRecords } = db.repos;
  const parsed = (report: unknown): MaskingReport | undefined => {
    const result = maskingReportSchema.safeParse(report);
    return result.success ? result.data : undefined;
  };

  return {
    /** The task for this instance, with how far an earlier run got; undefined when done, absent or someone else's. */
    async claim(owner: string, leaseMs: number): Promise<MaskingReport | undefined> {
      const claimed = await dataTasks.claim(MASK_STAFF_GROUP_TASK, owner, leaseMs);
      return claimed ? (parsed(claimed.report) ?? emptyReport()) : undefined;
    },

    /** What to do in the staff chat `chatId` (where it is now). */
    async plan(chatId: number): Promise<MaskingPlan> {
      const steps = new Map<number, MaskingStep>();
      /** Subjects whose card a post records, wherever it is. */
      const recorded = new Set<string>();
      let notReached = 0;
      let elsewhere = false;
      for (const post of await staffGroupRecords.posts(maskedKinds)) {
        const step = stepOf(post);
        if (!step) continue;
        if (step.action === "render") recorded.add(step.id);
        // A basic group that became a supergroup (or a chat STAFF_CHAT_ID no longer names) is out of reach.
        if (post.chatId === chatId) steps.set(step.messageId, step);
        else {
          elsewhere = true;
          notReached++;
        }
      }
      // Complaint cards (and the first appeal cards) were kept only on their row, in the staff chat of the
      // time. Once the bot posted in another chat, that chat is unknown, and an edit could land on another
      // card with the same message id here: such cards are left alone.
      const unknownChat = elsewhere || (await staffGroupRecords.anyMovedInto(chatId));
      for (const card of await staffGroupRecords.cards()) {
        if (steps.has(card.messageId) || recorded.has(card.id)) continue;
        if (unknownChat) notReached++;
        else steps.set(card.messageId, { action: "render", ...card });
      }
      return { chatId, steps: [...steps.values()].sort((a, b) => a.messageId - b.messageId), notReached };
    },

    /** Keeps the lease and records the progress; false when another instance took the task over. */
    progress: (owner: string, leaseMs: number, report: MaskingReport): Promise<boolean> =>
      dataTasks.renew(MASK_STAFF_GROUP_TASK, owner, leaseMs, report),

    /** This instance stops before the end: another may go on at once. */
    release: (owner: string, report: MaskingReport): Promise<void> =>
      dataTasks.release(MASK_STAFF_GROUP_TASK, owner, report),

    finish: (owner: string, report: MaskingReport): Promise<boolean> =>
      dataTasks.finish(MASK_STAFF_GROUP_TASK, owner, report),

    /** Whether the task waits (for another instance), or is over: done, with what it did, or never left here. */
    async state(): Promise<{ over: false } | { over: true; report: MaskingReport | undefined }> {
      const task = await dataTasks.find(MASK_STAFF_GROUP_TASK);
      return task && !task.finished ? { over: false } : { over: true, report: task && parsed(task.report) };
    },
  };
}
