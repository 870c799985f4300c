// The operators' desk (a Mini App): the same queue as the staff chat's /queue,
// and one application in full. Every view of a person's data is in the audit
// trail with the operator and the time.
import type { UnitOfWork } from "../db/unit-of-work.ts";
import type { Actor } from "../domain/actor.ts";
import type { Application } from "../domain/application.ts";
import type { StaffQueue, StaffRecords } from "./staff-records.ts";

export type DeskService = ReturnType<typeof createDeskService>;

export function createDeskService(db: UnitOfWork, staffRecords: StaffRecords) {
  return {
    /** What is still before the body: numbers, dates and who took it, no personal data. */
    queue: (): Promise<StaffQueue> => staffRecords.queue(),

    /** A submitted application in full; the view is audited before the data is handed out. */
    async viewApplication(number: string, operator: Actor, at: Date): Promise<Application | undefined> {
      const application = await db.repos.applications.findByNumber(number);
      if (!application) return undefined;
      await db.repos.audit.record({
        at,
        actor: operator,
        action: "desk.view",
        subjectType: "application",
        subjectId: application.id,
      });
      return application;
    },
  };
}
