// One measured run: a bot process under load from the people of this
// process, and what it cost — throughput, update→answer latency, the bot's
// CPU and memory, Bot API round trips and (PostgreSQL) the database's work.
import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { BotProcess } from "../../test/support/bot-process.ts";
import { counterDelta, type DatabaseCounters, databaseCounters, seqScanRows } from "./postgres.ts";
import { watchProcess } from "./process-stats.ts";
import { type BenchStorage, type Stage, sleep } from "./rig.ts";
import { percentile, round } from "./stats.ts";
import { answerLatencies, type Post, roundTrips } from "./updates.ts";

export type RunFigures = {
  label: string;
  people: number;
  finished: number;
  updates: number;
  seconds: number | null;
  updatesPerSecond: number | null;
  p50Ms: number | null;
  p95Ms: number | null;
  p99Ms: number | null;
  unanswered: number;
  cpuMsPerUpdate: number | null;
  /** CPU per update over the floor's; filled in once the floor ran. */
  cpuRatioToFloor: number | null;
  roundTripsPerUpdate: number | null;
  /** pg_stat_database: transactions (a statement outside a transaction is one) per update; null on PGlite. */
  dbTransactionsPerUpdate: number | null;
  dbRowsReadPerUpdate: number | null;
  dbRowsWrittenPerUpdate: number | null;
  peakRssMb: number;
  /** Tables whose sequential scans read the most rows, rows per update (PostgreSQL). */
  seqScanRowsPerUpdate: Record<string, number> | null;
  /** How many sequential scans those tables took over the run: few and long, or many of a tiny table. */
  seqScans: Record<string, number> | null;
  /** Lines the bot logged at warn level or above, and where they were written. */
  botWarnings: number;
  botLog: string;
  /** This process (emulator and people): if it is near a core, the load generator was the limit. */
  generatorCpuMsPerUpdate: number | null;
};

/**
 * Runs `drive` against a started bot and measures from its first post to the
 * last answer; stops the bot afterwards (its database backends then report
 * their last counters).
 */
export async function measure(
  label: string,
  stage: Stage,
  bot: BotProcess,
  storage: BenchStorage | undefined,
  people: number,
  drive: (posts: Post[]) => Promise<{ finished: number }>,
): Promise<RunFigures> {
  const pid = bot.child.pid!;
  const fromCall = stage.emulator.calls.length;
  const database = storage?.database?.name;
  const before: DatabaseCounters | undefined = database ? await databaseCounters(database) : undefined;
  const scansBefore = storage?.database ? await seqScanRows(storage.database.url) : undefined;
  const posts: Post[] = [];
  const watch = watchProcess(pid);
  const generator = process.cpuUsage();
  const { finished } = await drive(posts);
  const generatorCpu = process.cpuUsage(generator);
  const cost = watch.stop();
  const calls = stage.emulator.calls.slice(fromCall).filter((call) => call.botUsername !== "");
  await bot.stop();
  let db: DatabaseCounters | undefined;
  if (database && before) {
    await sleep(1000);
    db = counterDelta(before, await databaseCounters(database));
  }
  const scans = scansBefore && storage?.database ? await seqScanRows(storage.database.url) : undefined;
  const botLog = path.join(tmpdir(), `jobseeker-bench-${label.replace(/[^a-z]+/gi, "-").toLowerCase()}.log`);
  writeFileSync(botLog, `${bot.lines.join("\n")}\n`);

  const updates = posts.length;
  const { latencies, unanswered } = answerLatencies(posts, calls);
  // Not Math.min(...list): a crowd of thousands posts more updates than a call's arguments can hold.
  const first = posts.reduce((earliest, post) => Math.min(earliest, post.time), Number.POSITIVE_INFINITY);
  const last = calls.reduce(
    (latest, call) => (call.method === "getUpdates" ? latest : Math.max(latest, call.time)),
    Number.NEGATIVE_INFINITY,
  );
  const seconds = updates > 0 && last > first ? (last - first) / 1000 : null;
  const per = (value: number | undefined) => (value === undefined || updates === 0 ? null : value / updates);
  return {
    label,
    people,
    finished,
    updates,
    seconds: round(seconds),
    updatesPerSecond: round(seconds ? updates / seconds : null),
    p50Ms: percentile(latencies, 50),
    p95Ms: percentile(latencies, 95),
    p99Ms: percentile(latencies, 99),
    unanswered,
    cpuMsPerUpdate: round(per(cost.cpuMs), 2),
    cpuRatioToFloor: null,
    roundTripsPerUpdate: round(per(roundTrips(calls)), 2),
    dbTransactionsPerUpdate: round(per(db?.transactions), 1),
    dbRowsReadPerUpdate: round(per(db?.rowsRead), 1),
    dbRowsWrittenPerUpdate: round(per(db?.rowsWritten), 1),
    peakRssMb: Math.round(cost.peakRssKb / 1024),
    seqScanRowsPerUpdate:
      scans && scansBefore && updates > 0
        ? Object.fromEntries(
            [...scans]
              .map(
                ([table, { rows }]) =>
                  [table, round((rows - (scansBefore.get(table)?.rows ?? 0)) / updates, 1) ?? 0] as const,
              )
              .filter(([, rows]) => rows > 0)
              .sort((a, b) => b[1] - a[1])
              .slice(0, 3),
          )
        : null,
    seqScans:
      scans && scansBefore
        ? Object.fromEntries(
            [...scans]
              .map(([table, { scans: count }]) => [table, count - (scansBefore.get(table)?.scans ?? 0)] as const)
              .filter(([, count]) => count > 0)
              .sort((a, b) => b[1] - a[1])
              .slice(0, 5),
          )
        : null,
    botWarnings: bot.lines.filter((line) => /"level":(4|5|6)0/.test(line)).length,
    botLog,
    generatorCpuMsPerUpdate: round(per((generatorCpu.user + generatorCpu.system) / 1000), 2),
  };
}

export const RUN_HEADER = [
  "run",
  "people",
  "done",
  "updates",
  "upd/s",
  "p50 ms",
  "p95 ms",
  "p99 ms",
  "CPU ms/upd",
  "× floor",
  "calls/upd",
  "db xact/upd",
  "rows r/upd",
  "rows w/upd",
  "peak RSS MB",
  "gen CPU ms/upd",
];

export function runRow(run: RunFigures) {
  return [
    run.label,
    run.people,
    run.finished,
    run.updates,
    run.updatesPerSecond,
    run.p50Ms,
    run.p95Ms,
    run.p99Ms,
    run.cpuMsPerUpdate,
    run.cpuRatioToFloor,
    run.roundTripsPerUpdate,
    run.dbTransactionsPerUpdate,
    run.dbRowsReadPerUpdate,
    run.dbRowsWrittenPerUpdate,
    run.peakRssMb,
    run.generatorCpuMsPerUpdate,
  ];
}
