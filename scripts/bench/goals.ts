// The goals of issue #13, each with what this run measured and whether it
// is met. A goal measured at other sizes than its own says so; a scenario not
// run leaves its goal unmeasured.
import type { AnswersResults } from "./answers.ts";
import type { DraftsResults } from "./drafts.ts";
import type { RunFigures } from "./load.ts";
import type { RemindersResults } from "./reminders.ts";
import type { StatusQueueResults } from "./status-queue.ts";
import { printTable } from "./table.ts";

export type Goal = { goal: string; measured: string; met: boolean | null };

export type BenchResults = {
  registration?: { users: number; runs: RunFigures[]; floor: RunFigures | undefined };
  answers?: AnswersResults;
  reminders?: RemindersResults;
  status?: StatusQueueResults;
  drafts?: DraftsResults;
};

export function evaluateGoals(results: BenchResults): Goal[] {
  const runOn = (label: string) => results.registration?.runs.find((run) => run.label.includes(label));
  const pg = runOn("PostgreSQL");
  const pglite = runOn("PGlite");
  const users = results.registration?.users;
  const atUsers = users === undefined || users === 1000 ? "" : ` (at ${users} people; the goal says 1,000)`;
  const goals: Goal[] = [];
  goals.push({
    goal: "CPU per update ≤ 3× the floor on PostgreSQL",
    ...(pg?.cpuRatioToFloor != null
      ? {
          measured: `${pg.cpuMsPerUpdate} ms vs ${results.registration?.floor?.cpuMsPerUpdate} ms: ${pg.cpuRatioToFloor}×`,
          met: pg.cpuRatioToFloor <= 3,
        }
      : unmeasured),
  });
  goals.push({
    goal: "≥ 300 updates/s with p99 ≤ 150 ms at 1,000 concurrent applicants on PostgreSQL",
    ...(pg
      ? {
          measured: `${pg.updatesPerSecond} updates/s, p99 ${pg.p99Ms} ms${atUsers}`,
          met: (pg.updatesPerSecond ?? 0) >= 300 && (pg.p99Ms ?? Number.POSITIVE_INFINITY) <= 150,
        }
      : unmeasured),
  });
  goals.push({
    goal: "≥ 100 updates/s on PGlite",
    ...(pglite
      ? { measured: `${pglite.updatesPerSecond} updates/s${atUsers}`, met: (pglite.updatesPerSecond ?? 0) >= 100 }
      : unmeasured),
  });
  const ratios = results.answers?.ratios;
  goals.push({
    goal: "the 25th answer costs ≤ 1.5× the 1st",
    ...(ratios?.cpu25 != null
      ? {
          measured: `CPU ${ratios.cpu25}×, update→answer ${ratios.latency25 ?? "n/a"}×`,
          met: ratios.cpu25 <= 1.5,
        }
      : unmeasured),
  });
  const reminders = results.reminders;
  goals.push({
    goal: "reminders ≥ 28 messages/s, none lost, none twice",
    ...(reminders
      ? {
          measured: `${reminders.messagesPerSecond} msg/s over ${reminders.reminders.toLocaleString("en-US")}, ${reminders.lost} lost, ${reminders.twice} twice (${reminders.injected429} injected 429s)`,
          met: (reminders.messagesPerSecond ?? 0) >= 28 && reminders.lost === 0 && reminders.twice === 0,
        }
      : unmeasured),
  });
  const status = results.status;
  const worst = status ? Math.max(...status.commands.map((command) => command.p99Ms ?? Number.POSITIVE_INFINITY)) : 0;
  goals.push({
    goal: "/status and /queue p99 ≤ 20 ms with 1,000,000 applications",
    ...(status
      ? {
          measured:
            status.commands.map((command) => `${command.command} p99 ${command.p99Ms} ms`).join(", ") +
            (status.seed.applications === 1_000_000
              ? ""
              : ` (with ${status.seed.applications.toLocaleString("en-US")})`),
          met: worst <= 20,
        }
      : unmeasured),
  });
  const drafts = results.drafts;
  goals.push({
    goal: "RSS ≤ 250 MB with 10,000 drafts in flight",
    ...(drafts
      ? {
          measured: `${drafts.rssAfterMb} MB after, ${drafts.peakRssMb} MB peak${drafts.people === 10_000 ? "" : ` (with ${drafts.people})`}`,
          met: drafts.peakRssMb <= 250,
        }
      : unmeasured),
  });
  return goals;
}

const unmeasured = { measured: "not measured in this run", met: null };

export function printGoals(goals: Goal[]): void {
  printTable(
    "Goals of issue #13",
    ["goal", "measured", "met"],
    goals.map((goal) => [goal.goal, goal.measured, goal.met === null ? "–" : goal.met ? "met" : "not met"]),
  );
}
