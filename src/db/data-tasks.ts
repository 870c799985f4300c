// Work a migration left for the application that is done once in all, by one
// instance at a time: the instance holds a lease on the task's row (until a
// time on the database's clock, so the instances' clocks need not agree) and
// renews it while it works; a lease that ran out (its instance died or
// stopped) is taken over. Sealing rows stored in clear has its own, older
// path (data-rotation.ts), under the migrations' lock.
import type { DbClient } from "./client.ts";

/** A claimed task: what the instance before got through, if it was cut off. */
export type ClaimedTask = { report: unknown };

export type DataTasks = ReturnType<typeof createDataTasks>;

export function createDataTasks(prisma: DbClient) {
  return {
    /** The task for this instance, unless it is finished, absent, or leased to another. */
    async claim(name: string, owner: string, leaseMs: number): Promise<ClaimedTask | undefined> {
      const rows = await prisma.$queryRaw<Array<{ report: unknown }>>`
        UPDATE "data_task"
        SET claimed_by = ${owner}, lease_until = now() + ${leaseMs}::int * interval '1 millisecond'
        WHERE name = ${name} AND finished_at IS NULL
          AND (lease_until IS NULL OR lease_until < now() OR claimed_by = ${owner})
        RETURNING report`;
      return rows[0] ? { report: rows[0].report } : undefined;
    },

    /** Keeps the lease and records how far the work got; false when the lease was lost (taken over). */
    async renew(name: string, owner: string, leaseMs: number, report: unknown): Promise<boolean> {
      const count = await prisma.$executeRaw`
        UPDATE "data_task"
        SET lease_until = now() + ${leaseMs}::int * interval '1 millisecond', report = ${JSON.stringify(report)}::jsonb
        WHERE name = ${name} AND claimed_by = ${owner} AND finished_at IS NULL`;
      return count === 1;
    },

    /** Stopping before the end: another instance may go on at once, from where this one got. */
    async release(name: string, owner: string, report: unknown): Promise<void> {
      await prisma.$executeRaw`
        UPDATE "data_task" SET lease_until = NULL, report = ${JSON.stringify(report)}::jsonb
        WHERE name = ${name} AND claimed_by = ${owner} AND finished_at IS NULL`;
    },

    /** Done for good; the row stays with its report. False when the lease was lost meanwhile. */
    async finish(name: string, owner: string, report: unknown): Promise<boolean> {
      const count = await prisma.$executeRaw`
        UPDATE "data_task" SET finished_at = now(), lease_until = NULL, report = ${JSON.stringify(report)}::jsonb
        WHERE name = ${name} AND claimed_by = ${owner} AND finished_at IS NULL`;
      return count === 1;
    },

    /** Whether the task is there and finished, with its report. */
    async find(name: string): Promise<{ finished: boolean; report: unknown } | undefined> {
      const row = await prisma.dataTask.findUnique({ where: { name } });
      return row ? { finished: row.finishedAt !== null, report: row.report } : undefined;
    },
  };
}
