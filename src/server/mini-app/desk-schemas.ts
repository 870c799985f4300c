// What the desk's requests may carry, checked with zod before any service is
// called: record numbers in the paths, the queue filter, the decisions'
// bodies with the same limits as the staff chat's replies.
import { z } from "zod";
import { addressees, appealRequirements } from "../../domain/appeal.ts";
import { refusalGrounds } from "../../domain/application.ts";
import { deskFilters } from "../../domain/desk-queue.ts";

export const applicationParams = z.object({ number: z.string().regex(/^\d{4}-\d{6}$/) });
export const appealParams = z.object({ number: z.string().regex(/^A-\d{4}-\d{6}$/) });
export const complaintParams = z.object({ number: z.string().regex(/^C-\d{4}-\d{6}$/) });
export const threadParams = z.object({ id: z.uuid() });
export const startParams = z.object({ startId: z.string().min(1).max(64) });

export const queueQuery = z.object({ filter: z.enum(deskFilters).default("all") });
export const searchQuery = z.object({ q: z.string().trim().min(1).max(40) });

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
export const exportQuery = z
  .object({ from: isoDate.optional(), to: isoDate.optional() })
  .refine((q) => !q.from || !q.to || q.from <= q.to);

/** The staff chat's refusal comment: 2 to 500 characters. */
export const refusalBody = z.object({
  ground: z.enum(refusalGrounds),
  comment: z.string().trim().min(2).max(500),
});

/** A reasoning, as the staff chat's replies about appeals and complaints take it. */
const note = z.string().trim().min(2).max(1000);

export const appealDecisionBody = z.discriminatedUnion("action", [
  z.object({ action: z.literal("satisfy"), note }),
  z.object({ action: z.literal("refuse"), note }),
  z.object({ action: z.literal("refer"), body: z.enum(addressees) }),
  z.object({ action: z.literal("extend"), newDue: isoDate, note }),
  z.object({
    action: z.literal("lacking"),
    missing: z.array(z.enum(appealRequirements)).min(1),
    days: z.number().int().min(1).max(30).optional(),
  }),
]);
export type AppealDecisionBody = z.infer<typeof appealDecisionBody>;

export const complaintDecisionBody = z.discriminatedUnion("action", [
  z.object({ action: z.literal("renew") }),
  z.object({ action: z.literal("refuseRenewal"), note }),
  z.object({ action: z.literal("satisfy"), note }),
  z.object({ action: z.literal("refuse"), note }),
]);
export type ComplaintDecisionBody = z.infer<typeof complaintDecisionBody>;

/** What the person reads as the operator's answer. */
export const threadReplyBody = z.object({ text: z.string().trim().min(1).max(3000) });
