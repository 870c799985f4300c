// npm run bench — what the bot costs, as tables; writes bench/results.json.
// A script that prints figures, never a timed test. See BENCHMARKS.md.
//
//   npm run bench                        every scenario, defaults of the issue (#13)
//   npm run bench -- --quick             every scenario with small numbers (a smoke run)
//   npm run bench -- --scenario registration --users 1000 --storage pg
//   npm run bench:seed                   only seed (or re-use) the million applications
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { answersScenario } from "./answers.ts";
import { draftsScenario } from "./drafts.ts";
import { type BenchResults, evaluateGoals, printGoals } from "./goals.ts";
import { serverVersion } from "./postgres.ts";
import { cpuModel } from "./process-stats.ts";
import { registrationScenario } from "./registration.ts";
import { remindersScenario } from "./reminders.ts";
import type { StorageKind } from "./rig.ts";
import { seedMillion } from "./seed-million.ts";
import { statusQueueScenario } from "./status-queue.ts";

const SCENARIOS = ["registration", "answers", "reminders", "status", "drafts"] as const;
type Scenario = (typeof SCENARIOS)[number];

const { values } = parseArgs({
  options: {
    scenario: { type: "string", multiple: true },
    users: { type: "string" },
    reminders: { type: "string" },
    drafts: { type: "string" },
    applications: { type: "string" },
    reseed: { type: "boolean", default: false },
    seed: { type: "boolean", default: false },
    storage: { type: "string", default: "both" },
    quick: { type: "boolean", default: false },
    "quiet-ms": { type: "string" },
    out: { type: "string", default: "bench/results.json" },
    help: { type: "boolean", default: false },
  },
});

if (values.help) {
  console.log(`npm run bench -- [options]
  --scenario NAME      ${SCENARIOS.join(", ")} (repeat, or comma-separated; default all)
  --storage KIND       pg, pglite or both (default both; the other scenarios use the first)
  --users N            applicants at once in "registration" (default 500)
  --reminders N        due reminders in "reminders" (default 10,000)
  --applications N     stored applications in "status" (default 1,000,000)
  --drafts N           people stopping mid-form in "drafts" (default 10,000)
  --quick              small numbers for every scenario (a smoke run)
  --seed, --reseed     only write (or re-use) the stored applications; --reseed writes them again
  --quiet-ms MS        how long the emulator waits for more from the bot after an answer (default 150)
  --out FILE           results (default bench/results.json)
PostgreSQL: DATABASE_URL names the server (default postgresql://postgres@127.0.0.1:5432/postgres);
each run creates its own database there and drops it, but for the stored applications, kept.`);
  process.exit(0);
}

const scenarios: Scenario[] = (values.scenario?.flatMap((s) => s.split(",")) ?? [...SCENARIOS]).map((name) => {
  if (!(SCENARIOS as readonly string[]).includes(name))
    throw new Error(`unknown scenario ${name}: ${SCENARIOS.join(", ")}`);
  return name as Scenario;
});
const storages: StorageKind[] =
  values.storage === "both"
    ? ["pg", "pglite"]
    : values.storage === "pg" || values.storage === "pglite"
      ? [values.storage]
      : [];
if (storages.length === 0) throw new Error("--storage is pg, pglite or both");
const quick = values.quick;
const quietMs = Number(values["quiet-ms"] ?? 150);

const applications = Number(values.applications ?? (quick ? 20_000 : 1_000_000));
if (values.seed) {
  const seed = await seedMillion({ applications, submitted: 40, reseed: values.reseed! });
  console.log(seed.reused ? "already seeded (--reseed writes it again)" : `seeded in ${seed.seconds} s`, seed.url);
  process.exit(0);
}

const started = Date.now();
const results: BenchResults & Record<string, unknown> = {
  machine: {
    cores: os.cpus().length,
    cpu: cpuModel(),
    ramGb: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    postgres: storages.includes("pg") ? await serverVersion() : null,
    loadAverageAtStart: os.loadavg().map((load) => Math.round(load * 100) / 100),
  },
  startedAt: new Date(started).toISOString(),
  options: { scenarios, storages, quick, quietMs },
};

for (const scenario of scenarios) {
  const scenarioStarted = Date.now();
  if (scenario === "registration") {
    const users = Number(values.users ?? (quick ? 20 : 500));
    results.registration = { users, ...(await registrationScenario({ users, storages, quietMs })) };
  }
  if (scenario === "answers") {
    results.answers = await answersScenario({ people: quick ? 2 : 10, storage: storages[0]!, quietMs });
  }
  if (scenario === "reminders") {
    const reminders = Number(values.reminders ?? (quick ? 300 : 10_000));
    results.reminders = await remindersScenario({ reminders, storage: storages[0]! });
  }
  if (scenario === "status" && !storages.includes("pg")) console.log("(status: PostgreSQL only; skipped)");
  if (scenario === "status" && storages.includes("pg")) {
    results.status = await statusQueueScenario({
      applications,
      submitted: 40,
      statusCommands: quick ? 20 : 200,
      queueCommands: quick ? 5 : 50,
      reseed: values.reseed!,
    });
  }
  if (scenario === "drafts") {
    const people = Number(values.drafts ?? (quick ? 200 : 10_000));
    results.drafts = await draftsScenario({ people, storage: storages[0]!, quietMs });
  }
  console.log(`(${scenario}: ${((Date.now() - scenarioStarted) / 1000).toFixed(0)} s)`);
}

results.goals = evaluateGoals(results);
printGoals(results.goals as ReturnType<typeof evaluateGoals>);
results.seconds = Math.round((Date.now() - started) / 1000);
results.loadAverageAtEnd = os.loadavg().map((load) => Math.round(load * 100) / 100);
mkdirSync(path.dirname(values.out!), { recursive: true });
writeFileSync(values.out!, `${JSON.stringify(results, null, 2)}\n`);
console.log(`\nwrote ${values.out} (${results.seconds} s in all)`);
