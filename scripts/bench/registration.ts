// The main scenario: N people register at once, the whole path from /start
// to the receipt (language, phone, IIN, names, job, education, skills and a
// language, working hours, position, pay, summary, consent, the SMS code),
// through the emulator against the bot as `npm start` runs it; then the
// floor, a bare grammY bot making the same round trips per update, driven
// by the same number of people for the same number of updates.
import { languages } from "../../src/domain/language.ts";
import { personData, SimulatedPerson } from "../../test/support/simulated-person.ts";
import { measure, RUN_HEADER, type RunFigures, runRow } from "./load.ts";
import { botEnv, createStorage, type StorageKind, startBot, startFloorBot, startStage } from "./rig.ts";
import { round } from "./stats.ts";
import { printTable } from "./table.ts";
import { trackPosts } from "./updates.ts";

export type RegistrationOptions = { users: number; storages: StorageKind[]; quietMs: number };
export type RegistrationResults = { runs: RunFigures[]; floor: RunFigures | undefined };

const REPLY_TIMEOUT_MS = 600_000;

export async function registrationScenario(options: RegistrationOptions): Promise<RegistrationResults> {
  const runs: RunFigures[] = [];
  for (const kind of options.storages) runs.push(await registerCrowd(kind, options));
  // The floor takes the first run's figures: same people, same updates, same round trips per update.
  const model = runs[0];
  const floor = model ? await floorRun(model, options) : undefined;
  if (floor?.cpuMsPerUpdate)
    for (const run of runs) run.cpuRatioToFloor = round((run.cpuMsPerUpdate ?? 0) / floor.cpuMsPerUpdate, 1);
  printTable(
    `Registration: ${options.users} people complete the form at once`,
    RUN_HEADER,
    [...runs, ...(floor ? [floor] : [])].map(runRow),
    [
      "p50/p95/p99: from the person's update to the bot's first answer (a message, an edit or a button's answer).",
      "CPU: the bot process's user+system time (/proc/<pid>/stat) over the run. calls/upd: Bot API calls but getUpdates.",
      "db xact/upd, rows: pg_stat_database deltas of the bot's database (transactions: a statement outside a",
      "  transaction counts one, a transaction of several statements one); n/a on PGlite, which runs inside the bot.",
      "gen CPU: this process (emulator and people); near 1,000 ms per second of run, the generator was the limit.",
      ...runs.flatMap((run) => [
        ...(run.seqScanRowsPerUpdate
          ? [
              `${run.label}: rows read by sequential scans per update: ${JSON.stringify(run.seqScanRowsPerUpdate)}`,
              `${run.label}: sequential scans in the run: ${JSON.stringify(run.seqScans)}`,
            ]
          : []),
        `${run.label}: ${run.botWarnings} warnings or errors logged by the bot (${run.botLog})`,
      ]),
    ],
  );
  return { runs, floor };
}

async function registerCrowd(kind: StorageKind, options: RegistrationOptions): Promise<RunFigures> {
  const storage = await createStorage(kind);
  const stage = await startStage({ quietMs: options.quietMs });
  try {
    const bot = await startBot(stage, botEnv(stage, storage));
    return await measure(
      `ours, ${kind === "pg" ? "PostgreSQL" : "PGlite"}`,
      stage,
      bot,
      storage,
      options.users,
      async (posts) => {
        const people = Array.from({ length: options.users }, (_, n) => {
          const language = languages[n % languages.length]!;
          const user = trackPosts(
            stage.emulator.createUser({ firstName: `Person${n}`, languageCode: language }),
            posts,
          );
          return new SimulatedPerson(user, language, personData(n), stage.sms, {
            replyTimeoutMs: REPLY_TIMEOUT_MS,
            onSilence: "fail",
          });
        });
        const results = await Promise.allSettled(people.map((person) => person.register()));
        const failures = results.filter((result) => result.status === "rejected");
        if (failures.length > 0)
          console.error(
            `${failures.length} people did not finish; the first:`,
            (failures[0] as PromiseRejectedResult).reason,
          );
        return { finished: results.length - failures.length };
      },
    );
  } finally {
    await stage.close();
    await storage.drop();
  }
}

async function floorRun(model: RunFigures, options: RegistrationOptions): Promise<RunFigures> {
  const stage = await startStage({ quietMs: options.quietMs });
  try {
    const bot = await startFloorBot(stage, model.roundTripsPerUpdate ?? 1);
    return await measure("floor (bare grammY)", stage, bot, undefined, model.people, async (posts) => {
      // The same number of updates as ours got, spread over the same people.
      const people = Array.from({ length: model.people }, (_, n) =>
        trackPosts(stage.emulator.createUser({ firstName: `Floor${n}`, languageCode: "en" }), posts),
      );
      const share = (n: number) =>
        Math.floor((model.updates * (n + 1)) / model.people) - Math.floor((model.updates * n) / model.people);
      const results = await Promise.allSettled(
        people.map(async (user, n) => {
          for (let i = 0; i < share(n); i++) await user.send(`message ${i + 1}`, { timeoutMs: REPLY_TIMEOUT_MS });
        }),
      );
      return { finished: results.filter((result) => result.status === "fulfilled").length };
    });
  } finally {
    await stage.close();
  }
}
