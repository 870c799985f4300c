// Use case: how much work is waiting, for the metrics an operator of the
// service watches (a growing backlog means Telegram or the staff chat is
// not taking what we send).
import type { UnitOfWork } from "../db/unit-of-work.ts";
import type { Clock } from "./clock.ts";

export type BacklogView = {
  remindersDue: number;
  /** Seconds since the oldest unsent reminder fell due (0 when none is due). */
  oldestDueAgeSeconds: number;
  /** Submitted cases whose card is not in the staff chat yet. */
  cardsWaiting: number;
};

export type Backlog = { snapshot(): Promise<BacklogView> };

export function createBacklog(db: UnitOfWork, clock: Clock): Backlog {
  return {
    async snapshot() {
      const now = clock.now();
      const row = await db.repos.backlog.snapshot(now);
      return {
        remindersDue: row.remindersDue,
        oldestDueAgeSeconds: row.oldestDueAt ? Math.max(0, (now.getTime() - row.oldestDueAt.getTime()) / 1000) : 0,
        cardsWaiting: row.cardsWaiting,
      };
    },
  };
}
