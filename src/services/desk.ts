// The operators' desk (a Mini App): the same queue as the staff chat's /queue
// with its filters, one application, appeal or complaint in full, and what a
// card's "Open" link leads to. Every view of a person's data is in the audit
// trail with the operator and the time, before the data is handed out.
import type { AuditInput } from "../db/audit.ts";
import type { UnitOfWork } from "../db/unit-of-work.ts";
import type { Actor } from "../domain/actor.ts";
import type { Appeal } from "../domain/appeal.ts";
import type { Application } from "../domain/application.ts";
import type { Complaint } from "../domain/complaint.ts";
import { almatyDate } from "../domain/dates.ts";
import { type DeskFilter, filterDeskQueue } from "../domain/desk-queue.ts";
import type { DeskStarts } from "./desk-start.ts";
import type { StaffQueue, StaffRecords } from "./staff-records.ts";

export type DeskRecord =
  | { kind: "application"; record: Application }
  | { kind: "appeal"; record: Appeal }
  | { kind: "complaint"; record: Complaint };

/** Where a `startapp` id leads: one record, the search, or the export. */
export type DeskOpening = DeskRecord | { kind: "find" } | { kind: "export" };

export type DeskService = ReturnType<typeof createDeskService>;

export function createDeskService(db: UnitOfWork, staffRecords: StaffRecords, starts: DeskStarts) {
  const { applications, appeals, complaints, audit } = db.repos;

  const viewed = async <R extends { id: string }>(
    subjectType: AuditInput["subjectType"],
    record: R | undefined,
    operator: Actor,
    at: Date,
  ): Promise<R | undefined> => {
    if (!record) return undefined;
    await audit.record({ at, actor: operator, action: "desk.view", subjectType, subjectId: record.id });
    return record;
  };

  const byId = async (kind: DeskRecord["kind"], id: string, operator: Actor, at: Date) => {
    switch (kind) {
      case "application": {
        const found = await applications.findById(id);
        // A draft is the person's own until it is submitted.
        const application = await viewed("application", found?.number ? found : undefined, operator, at);
        return application && ({ kind, record: application } as const);
      }
      case "appeal": {
        const appeal = await viewed("appeal", await appeals.findById(id), operator, at);
        return appeal && ({ kind, record: appeal } as const);
      }
      case "complaint": {
        const complaint = await viewed("complaint", await complaints.findById(id), operator, at);
        return complaint && ({ kind, record: complaint } as const);
      }
    }
  };

  return {
    /** What is still before the body, filtered: numbers, dates and who took it, no personal data. */
    async queue(filter: DeskFilter, operator: Actor, now: Date): Promise<StaffQueue> {
      return filterDeskQueue(await staffRecords.queue(), filter, operator.id, almatyDate(now));
    },

    /** The record an action names, not shown to anyone (the action is audited by its service). */
    async findApplication(number: string): Promise<Application | undefined> {
      return applications.findByNumber(number);
    },
    findAppeal: (number: string) => appeals.findByNumber(number),
    findComplaint: (number: string) => complaints.findByNumber(number),

    /** A submitted application in full. */
    async viewApplication(number: string, operator: Actor, at: Date): Promise<Application | undefined> {
      return viewed("application", await applications.findByNumber(number), operator, at);
    },

    async viewAppeal(number: string, operator: Actor, at: Date): Promise<Appeal | undefined> {
      return viewed("appeal", await appeals.findByNumber(number), operator, at);
    },

    async viewComplaint(number: string, operator: Actor, at: Date): Promise<Complaint | undefined> {
      return viewed("complaint", await complaints.findByNumber(number), operator, at);
    },

    /** What a card's "Open" link (or /find, /export) opens; undefined for an id the bot did not make. */
    async open(startId: string, operator: Actor, at: Date): Promise<DeskOpening | undefined> {
      const start = starts.read(startId);
      if (!start) return undefined;
      if (start.screen !== "record") return { kind: start.screen };
      return byId(start.kind, start.id, operator, at);
    },
  };
}
