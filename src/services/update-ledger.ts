// Every update taken from Telegram is stored before Telegram is told it
// arrived, and marked once handled: a process killed in between handles it
// after the restart, and an update that arrives twice has one effect.
import type { UnitOfWork } from "../db/unit-of-work.ts";
import type { Clock } from "./clock.ts";

/** How long handled updates are remembered: Telegram keeps an unconfirmed update for a day. */
export const UPDATE_LEDGER_RETENTION_MS = 24 * 3_600_000;

export type UpdateLedger = {
  /** Stores the updates; returns the ids not seen before. */
  store(updates: Array<{ update_id: number }>): Promise<Set<number>>;
  /** Updates stored but not handled, oldest first. */
  unhandled(): Promise<unknown[]>;
  markHandled(updateIds: number[]): Promise<void>;
  /** True once an update was handled (a webhook delivered twice is answered, not handled again). */
  isHandled(updateId: number): Promise<boolean>;
  purge(): Promise<number>;
};

export function createUpdateLedger(db: UnitOfWork, clock: Clock): UpdateLedger {
  const repository = db.repos.inboundUpdates;
  return {
    store: (updates) =>
      repository.store(
        updates.map((update) => ({ updateId: update.update_id, payload: update })),
        clock.now(),
      ),
    unhandled: () => repository.unhandled(),
    markHandled: (updateIds) => repository.markHandled(updateIds, clock.now()),
    isHandled: (updateId) => repository.isHandled(updateId),
    purge: () => repository.purgeBefore(new Date(clock.now().getTime() - UPDATE_LEDGER_RETENTION_MS)),
  };
}
