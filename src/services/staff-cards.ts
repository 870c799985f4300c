// Use case: every submitted application gets exactly one card in the staff
// chat, even when posting failed the first time or two instances try at once.
import { createApplicationRepository, type StoredApplication } from "../db/applications.ts";
import type { PrismaClient } from "../db/generated/client.ts";

/** A card not posted after this long is posted by the scheduler (also one whose posting never finished). */
const RETRY_AFTER_MS = 10 * 60_000;

export type StaffCards = ReturnType<typeof createStaffCards>;

export function createStaffCards(prisma: PrismaClient) {
  const applications = createApplicationRepository(prisma);
  return {
    findApplication: (id: string) => applications.findById(id),
    claim: (id: string) => applications.claimCardPosting(id),
    reclaim: (id: string, marker: number) => applications.reclaimCardPosting(id, marker),
    release: (id: string) => applications.releaseCardPosting(id),
    posted: (id: string, messageId: number) => applications.setStaffMessage(id, messageId),
    missing: (now: Date): Promise<StoredApplication[]> => applications.withoutCard(new Date(now.getTime() - RETRY_AFTER_MS)),
  };
}
