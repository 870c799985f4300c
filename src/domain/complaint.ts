// A complaint (жалоба / шағым) against an administrative act, action or
// inaction: filed with the body whose act it is, within 3 months from the day
// the person learned of it. A late complaint is still received (missing the
// term is no ground to refuse receipt); the body decides whether to renew the
// term. Considered within 5 working days; a court may be approached after it.
import { compareIsoDates, type IsoDate } from "./dates.ts";
import { complaintDecisionDue, complaintWindowEnds } from "./deadlines.ts";

export const complaintStatuses = [
  "received",
  "awaiting_renewal",
  "renewal_refused",
  "satisfied",
  "refused",
  "refused_by_silence",
] as const;
export type ComplaintStatus = (typeof complaintStatuses)[number];

const transitions: Record<ComplaintStatus, readonly ComplaintStatus[]> = {
  received: ["satisfied", "refused", "refused_by_silence"],
  // A late complaint: the body renews the term (→ received) or does not.
  awaiting_renewal: ["received", "renewal_refused", "refused_by_silence"],
  renewal_refused: [],
  satisfied: [],
  refused: [],
  refused_by_silence: [],
};

/** Who complained: their name, and the IIN and phone the complaint was signed with. */
export type Complainant = { fullName: string; iin: string; phone: string };

/** A complaint as the body keeps it. */
export type Complaint = {
  id: string;
  /** № C-YYYY-NNNNNN */
  number: string;
  applicantId: string;
  status: ComplaintStatus;
  /** "application:<number>", "appeal:<number>" or the person's own words. */
  subject: string;
  learnedDate: IsoDate;
  lateReason: string | null;
  essence: string;
  /** Null on complaints filed before the complainant was kept with them. */
  complainant: Complainant | null;
  receivedAt: Date;
  receivedDate: IsoDate;
  dueDate: IsoDate;
  decisionNote: string | null;
  decidedByName: string | null;
  staffMessageId: number | null;
};

export function canComplaintTransition(from: ComplaintStatus, to: ComplaintStatus): boolean {
  return transitions[from].includes(to);
}

/** Filed after the 3-month window? */
export function isComplaintLate(learned: IsoDate, received: IsoDate): boolean {
  return compareIsoDates(received, complaintWindowEnds(learned)) > 0;
}

/** Where a newly received complaint starts: late ones wait for the body's decision on renewal. */
export function initialComplaintStatus(learned: IsoDate, received: IsoDate): ComplaintStatus {
  return isComplaintLate(learned, received) ? "awaiting_renewal" : "received";
}

/** The decision on a complaint is due 5 working days after receipt, a late one's too. */
export function complaintDue(received: IsoDate): IsoDate {
  return complaintDecisionDue(received);
}
