// Use case: every submitted application, appeal and complaint gets exactly
// one card in the staff chat, even when posting failed the first time, the
// instance posting it died, or two instances try at once. A posting is
// claimed first; the claim of an instance that died is taken over.
import type { CardTable } from "../db/card-claims.ts";
import type { UnitOfWork } from "../db/unit-of-work.ts";
import type { Appeal } from "../domain/appeal.ts";
import type { Application } from "../domain/application.ts";
import type { Complaint } from "../domain/complaint.ts";
import type { Clock } from "./clock.ts";

/** A card not posted after this long is posted by the scheduler (also one whose posting never finished). */
const RETRY_AFTER_MS = 10 * 60_000;

export type CardSubject = CardTable;

export type StaffCards = ReturnType<typeof createStaffCards>;

export function createStaffCards(db: UnitOfWork, clock: Clock) {
  const { applications, appeals, complaints, cardClaims } = db.repos;
  const staleBefore = () => new Date(clock.now().getTime() - RETRY_AFTER_MS);
  return {
    /** Claims the posting of a card: false when it is posted, or being posted by another instance. */
    claim: (subject: CardSubject, id: string) => cardClaims.claim(subject, id, clock.now(), staleBefore()),
    /** Posting failed: the scheduler posts it later. */
    release: (subject: CardSubject, id: string) => cardClaims.release(subject, id),
    posted: (subject: CardSubject, id: string, messageId: number) => cardClaims.posted(subject, id, messageId),
    /** Cards that should have been posted by now. */
    async missing(): Promise<{ applications: Application[]; appeals: Appeal[]; complaints: Complaint[] }> {
      const before = staleBefore();
      return {
        applications: await applications.withoutCard(before, before),
        appeals: await appeals.withoutCard(before, before),
        complaints: await complaints.withoutCard(before, before),
      };
    },
  };
}
