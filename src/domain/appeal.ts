// An appeal (обращение / өтініш) under the Administrative Procedural Code, as
// the service's egov.kz page states it: what it must contain, and what may
// happen to it. Never refused at receipt; put right when it misses a
// requirement; withdrawn by the applicant before a decision; referred to the
// competent body within 3 working days; decided within 15 working days, or
// within an extension of at most 2 months; after the term without a decision
// it counts as refused ("silence").
import { z } from "zod";
import { parseBin } from "./bin.ts";
import { compareIsoDates, type IsoDate } from "./dates.ts";
import { appealDecisionDue, appealExtensionLimit, referralDue } from "./deadlines.ts";
import { parseIin } from "./iin.ts";

/** What an appeal must state (APPC art. 63, as listed on the service page). */
export const appealRequirements = [
  "full_name",
  "iin_or_bin",
  "postal_address",
  "addressee",
  "essence",
  "date",
  "signature",
] as const;
export type AppealRequirement = (typeof appealRequirements)[number];

export const appealStatuses = [
  "received",
  "non_compliant",
  "extended",
  "referred",
  "satisfied",
  "refused",
  "withdrawn",
  "refused_by_silence",
] as const;
export type AppealStatus = (typeof appealStatuses)[number];

const transitions: Record<AppealStatus, readonly AppealStatus[]> = {
  received: ["non_compliant", "extended", "referred", "satisfied", "refused", "withdrawn", "refused_by_silence"],
  // Put right → received again; not put right in time → the operator decides.
  non_compliant: ["received", "satisfied", "refused", "withdrawn", "refused_by_silence"],
  extended: ["non_compliant", "satisfied", "refused", "withdrawn", "refused_by_silence"],
  referred: [],
  satisfied: [],
  refused: [],
  withdrawn: [],
  refused_by_silence: [],
};

export function canAppealTransition(from: AppealStatus, to: AppealStatus): boolean {
  return transitions[from].includes(to);
}

/** Still before the body: it may be withdrawn, put right, extended or decided. */
export function isAppealOpen(status: AppealStatus): boolean {
  return transitions[status].length > 0;
}

export const addressees = ["service_provider", "local_executive_body", "ministry_of_labour"] as const;
export type Addressee = (typeof addressees)[number];

const identity = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("natural"),
    iin: z.string().refine((text) => parseIin(text).ok, "not a valid IIN"),
    postalAddress: z.string().trim().min(5).max(300),
  }),
  z.object({
    kind: z.literal("legal"),
    bin: z.string().refine((text) => parseBin(text).ok, "not a valid BIN"),
    postalAddress: z.string().trim().min(5).max(300),
  }),
]);

/**
 * The essence of an appeal or a complaint: long enough to say what is asked
 * (one rule for both), short enough for a message.
 */
export const essenceLength = { min: 10, max: 1000 } as const;

export const appealSchema = z.object({
  fullName: z.string().trim().min(3).max(200),
  identity,
  addressee: z.enum(addressees),
  // Up to 4000: appeals filed before the bot capped the essence at essenceLength.max stay valid.
  essence: z.string().trim().min(essenceLength.min).max(4000),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
});
export type AppealContent = z.infer<typeof appealSchema>;

/** An appeal as the body keeps it. */
export type Appeal = {
  id: string;
  /** № A-YYYY-NNNNNN */
  number: string;
  applicantId: string;
  status: AppealStatus;
  content: AppealContent;
  receivedAt: Date;
  receivedDate: IsoDate;
  dueDate: IsoDate;
  extendedTo: IsoDate | null;
  /** Who received it, as the receipt names them. */
  receiver: { name: string; position: string };
  /** The reasoning of a decision or extension, and who made it. */
  decisionNote: string | null;
  decidedByName: string | null;
  referredTo: Addressee | null;
  /** What it must put right (APPC art. 63), and by when. */
  missing: AppealRequirement[];
  fixBy: IsoDate | null;
  staffMessageId: number | null;
};

export type AppealTerms = {
  received: IsoDate;
  /** The date the body extended the term to, if it did. */
  extendedTo?: IsoDate;
};

/** The date the decision is due: 15 working days, or the extended date. */
export function appealDue(terms: AppealTerms): IsoDate {
  return terms.extendedTo ?? appealDecisionDue(terms.received);
}

/** Referral to the competent body is possible until 3 working days after receipt. */
export function canRefer(status: AppealStatus, received: IsoDate, today: IsoDate): boolean {
  return canAppealTransition(status, "referred") && compareIsoDates(today, referralDue(received)) <= 0;
}

export type ExtensionCheck = { ok: true } | { ok: false; reason: "not_later" | "beyond_limit" };

/** An extension must move the term later, and not beyond 2 months after the original due date. */
export function checkExtension(received: IsoDate, newDue: IsoDate): ExtensionCheck {
  if (compareIsoDates(newDue, appealDecisionDue(received)) <= 0) return { ok: false, reason: "not_later" };
  if (compareIsoDates(newDue, appealExtensionLimit(received)) > 0) return { ok: false, reason: "beyond_limit" };
  return { ok: true };
}

/** Undecided after its due date: the body is considered to have refused. */
export function isRefusedBySilence(status: AppealStatus, terms: AppealTerms, today: IsoDate): boolean {
  return canAppealTransition(status, "refused_by_silence") && compareIsoDates(today, appealDue(terms)) > 0;
}
