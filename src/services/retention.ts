// How long personal data is kept when it serves no purpose any more. The law
// on personal data allows keeping it only as long as its purpose needs: an
// abandoned draft, a used one-time password and the state of a finished form
// serve none. Run daily by the scheduler; every step is idempotent, so
// several instances may run it.

import type { UnitOfWork } from "../db/unit-of-work.ts";
import type { Application } from "../domain/application.ts";
import { almatyDate } from "../domain/dates.ts";
import { scheduleReminders } from "./reminders.ts";

const DAY_MS = 24 * 60 * 60_000;

export const RETENTION = {
  /** A draft nobody changed for this long is deleted with its answers (an abandoned application). */
  draftIdleDays: 30,
  /** The person is told this many days before, with a button to continue (and so keep it). */
  draftWarningDays: 3,
  /** A one-time password is kept this long after it was used or expired (enough to answer a dispute that day). */
  otpHours: 24,
  /** The state of a form (answers in progress, the question on screen) untouched this long is forgotten. */
  conversationStateDays: 30,
} as const;

export type RetentionReport = { warned: number; draftsDeleted: number; otpPurged: number; statesPurged: number };

export type Retention = ReturnType<typeof createRetention>;

export function createRetention(db: UnitOfWork) {
  const { applications, applicants, otpChallenges, conversationStates, reminders } = db.repos;
  const warningKey = (draft: Application) => `draft_expiring:${draft.id}:${draft.updatedAt.getTime()}`;

  /** Drafts that will be deleted in `draftWarningDays`: the person is told once per idle period. */
  const warn = async (now: Date): Promise<number> => {
    const idleSince = new Date(now.getTime() - (RETENTION.draftIdleDays - RETENTION.draftWarningDays) * DAY_MS);
    let warned = 0;
    for (const draft of await applications.idleDrafts(idleSince)) {
      const applicant = await applicants.findById(draft.applicantId);
      if (!applicant) continue;
      const deletesAt = new Date(draft.updatedAt.getTime() + RETENTION.draftIdleDays * DAY_MS);
      await scheduleReminders(db.repos, [
        {
          kind: "draft_expiring",
          dueAt: now,
          chatId: applicant.chatId,
          payload: { draftId: draft.id, deletesOn: almatyDate(deletesAt), idleSince: draft.updatedAt.getTime() },
          dedupeKey: warningKey(draft),
        },
      ]);
      warned += 1;
    }
    return warned;
  };

  /** Idle drafts whose person was told at least `draftWarningDays` ago (never one nobody was told of). */
  const deleteIdleDrafts = async (now: Date): Promise<number> => {
    const idleSince = new Date(now.getTime() - RETENTION.draftIdleDays * DAY_MS);
    const warnedBefore = new Date(now.getTime() - RETENTION.draftWarningDays * DAY_MS + 60 * 60_000);
    let deleted = 0;
    for (const draft of await applications.idleDrafts(idleSince)) {
      const warnedAt = await reminders.dueAtOf(warningKey(draft));
      if (!warnedAt || warnedAt > warnedBefore) continue;
      if (await applications.deleteIdleDraft(draft.id, idleSince)) deleted += 1;
    }
    return deleted;
  };

  return {
    async run(now: Date): Promise<RetentionReport> {
      return {
        warned: await warn(now),
        draftsDeleted: await deleteIdleDrafts(now),
        otpPurged: await otpChallenges.purgeEndedBefore(new Date(now.getTime() - RETENTION.otpHours * 60 * 60_000)),
        statesPurged: await conversationStates.purgeUntouchedSince(
          new Date(now.getTime() - RETENTION.conversationStateDays * DAY_MS),
        ),
      };
    },
  };
}
