// The desk's queue filters: what is due today, what is overdue, what the
// operator took, appeals only, complaints only. A term ends with its due
// date (Almaty), so "overdue" is a due date before today.
import type { IsoDate } from "./dates.ts";

export const deskFilters = ["all", "due_today", "overdue", "mine", "appeals", "complaints"] as const;
export type DeskFilter = (typeof deskFilters)[number];

type Item = { dueDate: IsoDate | null };
type Taken = Item & { assignee: { id: number } | null };
type Extended = { dueDate: IsoDate; extendedTo: IsoDate | null };

export type DeskQueueItems<A extends Taken, P extends Extended, C extends Item, T> = {
  applications: A[];
  appeals: P[];
  complaints: C[];
  threads: T[];
};

/** The part of the queue a filter shows; conversations only in the whole queue. */
export function filterDeskQueue<A extends Taken, P extends Extended, C extends Item, T>(
  queue: DeskQueueItems<A, P, C, T>,
  filter: DeskFilter,
  operatorId: number,
  today: IsoDate,
): DeskQueueItems<A, P, C, T> {
  const appealDue = (appeal: P): IsoDate => appeal.extendedTo ?? appeal.dueDate;
  switch (filter) {
    case "all":
      return queue;
    case "due_today":
      return byDue(queue, (due) => due === today, appealDue);
    case "overdue":
      return byDue(queue, (due) => due < today, appealDue);
    case "mine":
      // Only applications are taken by an operator; appeals and complaints are the body's.
      return {
        applications: queue.applications.filter((a) => a.assignee?.id === operatorId),
        appeals: [],
        complaints: [],
        threads: [],
      };
    case "appeals":
      return { applications: [], appeals: queue.appeals, complaints: [], threads: [] };
    case "complaints":
      return { applications: [], appeals: [], complaints: queue.complaints, threads: [] };
  }
}

function byDue<A extends Taken, P extends Extended, C extends Item, T>(
  queue: DeskQueueItems<A, P, C, T>,
  test: (due: IsoDate) => boolean,
  appealDue: (appeal: P) => IsoDate,
): DeskQueueItems<A, P, C, T> {
  return {
    applications: queue.applications.filter((a) => a.dueDate !== null && test(a.dueDate)),
    appeals: queue.appeals.filter((a) => test(appealDue(a))),
    complaints: queue.complaints.filter((c) => c.dueDate !== null && test(c.dueDate)),
    threads: [],
  };
}
