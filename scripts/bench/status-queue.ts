// /status (a person's own applications) and the staff /queue (what is still
// undecided) with a million applications stored on PostgreSQL: each command
// sent one at a time through the emulator, update→answer measured; then the
// plans of the queries behind them (EXPLAIN (ANALYZE, BUFFERS)).
import type { ApiCall } from "@job-seeker/bot-api-emulator";
import { withClient } from "./postgres.ts";
import { threadCpuNs } from "./process-stats.ts";
import { type BenchStorage, botEnv, sleep, startBot, startStage } from "./rig.ts";
import { FIRST_TELEGRAM_ID, type MillionSeed, seedMillion } from "./seed-million.ts";
import { percentile, round } from "./stats.ts";
import { printTable } from "./table.ts";

const STAFF_CHAT_ID = -1_001_000_000_777;
const OPERATOR_ID = 4_900_000_001;

export type CommandFigures = {
  command: string;
  sent: number;
  answered: number;
  p50Ms: number | null;
  p99Ms: number | null;
  cpuMsMedian: number | null;
};
export type StatusQueueResults = { seed: MillionSeed; commands: CommandFigures[]; plans: Record<string, string> };

export async function statusQueueScenario(options: {
  applications: number;
  submitted: number;
  statusCommands: number;
  queueCommands: number;
  reseed: boolean;
}): Promise<StatusQueueResults> {
  const seed = await seedMillion(options);
  console.log(
    seed.reused
      ? `(re-using ${seed.applications.toLocaleString("en-US")} applications in ${seed.url.split("/").at(-1)}; --reseed writes them again)`
      : `(seeded ${seed.applications.toLocaleString("en-US")} applications in ${seed.seconds} s)`,
  );
  const storage: BenchStorage = { kind: "pg", env: { DATABASE_URL: seed.url }, drop: async () => {} };
  const stage = await startStage({ quietMs: 50 });
  const commands: CommandFigures[] = [];
  try {
    const operator = stage.emulator.createUser({ id: OPERATOR_ID, firstName: "Operator", languageCode: "ru" });
    const group = stage.emulator.createGroup({ id: STAFF_CHAT_ID, title: "Career centre", members: [operator] });
    const bot = await startBot(
      stage,
      botEnv(stage, storage, { STAFF_CHAT_ID: String(STAFF_CHAT_ID), OPERATOR_IDS: String(OPERATOR_ID) }),
    );
    // What the bot does once at start (the digest, retention) is not the commands' cost.
    await sleep(3000);
    const pid = bot.child.pid!;
    const timed = async (chatId: number, send: () => Promise<unknown>) => {
      const fromCall = stage.emulator.calls.length;
      const cpu = threadCpuNs(pid);
      const posted = Date.now();
      await send();
      const answer = stage.emulator.calls
        .slice(fromCall)
        .find((call: ApiCall) => call.ok && call.chatId === chatId && call.method === "sendMessage");
      return { latency: answer ? answer.time - posted : undefined, cpuMs: (threadCpuNs(pid) - cpu) / 1e6 };
    };
    const figures = (
      command: string,
      samples: Array<{ latency: number | undefined; cpuMs: number }>,
    ): CommandFigures => {
      const latencies = samples.flatMap((s) => (s.latency === undefined ? [] : [s.latency]));
      return {
        command,
        sent: samples.length,
        answered: latencies.length,
        p50Ms: percentile(latencies, 50),
        p99Ms: percentile(latencies, 99),
        cpuMsMedian: round(
          percentile(
            samples.map((s) => s.cpuMs),
            50,
          ),
          2,
        ),
      };
    };
    const status = [];
    for (let i = 0; i < options.statusCommands; i++) {
      // People spread over the whole table, each once.
      const telegramId = FIRST_TELEGRAM_ID + 1 + Math.floor((i * seed.people) / options.statusCommands);
      const person = stage.emulator.createUser({ id: telegramId, firstName: `Seeded${i}`, languageCode: "ru" });
      status.push(await timed(person.id, () => person.send("/status", { timeoutMs: 60_000 })));
    }
    commands.push(figures("/status", status));
    const staff = operator.in(group);
    const queue = [];
    for (let i = 0; i < options.queueCommands; i++)
      queue.push(await timed(STAFF_CHAT_ID, () => staff.send("/queue", { timeoutMs: 60_000 })));
    commands.push(figures("/queue", queue));
    await bot.stop();
  } finally {
    await stage.close();
  }
  const plans = await explainPlans(seed);
  printTable(
    `/status and /queue with ${seed.applications.toLocaleString("en-US")} applications on PostgreSQL (${seed.submitted} undecided), one command at a time`,
    ["command", "sent", "answered", "p50 ms", "p99 ms", "bot CPU ms (median)"],
    commands.map((c) => [c.command, c.sent, c.answered, c.p50Ms, c.p99Ms, c.cpuMsMedian]),
    ["p50/p99: from the update to the bot's answer (sendMessage) in that chat."],
  );
  for (const [name, plan] of Object.entries(plans)) console.log(`\nEXPLAIN (ANALYZE, BUFFERS) — ${name}\n${plan}`);
  return { seed, commands, plans };
}

/**
 * The queries behind the two commands (column lists shortened to *; the
 * plans do not depend on them): /status reads the person's applications,
 * appeals and complaints, the person by a subquery (statusLines.of); /queue
 * the undecided applications, open appeals, complaints and conversations.
 */
async function explainPlans(seed: MillionSeed): Promise<Record<string, string>> {
  const person = FIRST_TELEGRAM_ID + Math.floor(seed.people / 2);
  const queries: Record<string, string> = {
    "/status: their applications (statusLines.of)": `SELECT * FROM application WHERE applicant_id = (SELECT id FROM applicant WHERE telegram_user_id = ${person}) AND status <> 'draft' ORDER BY submitted_at DESC`,
    "/status: their appeals (statusLines.of)": `SELECT * FROM appeal WHERE applicant_id = (SELECT id FROM applicant WHERE telegram_user_id = ${person}) ORDER BY received_at DESC`,
    "/queue: undecided applications (applications.listSubmitted)": `SELECT * FROM application WHERE status = 'submitted' ORDER BY submitted_at ASC`,
    "/queue: open appeals (appeals.listOpen)": `SELECT * FROM appeal WHERE status IN ('received', 'non_compliant', 'extended') ORDER BY received_at ASC`,
  };
  return withClient(seed.url, async (client) => {
    const plans: Record<string, string> = {};
    for (const [name, sql] of Object.entries(queries)) {
      const { rows } = await client.query(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`);
      plans[name] = rows.map((row) => row["QUERY PLAN"]).join("\n");
    }
    return plans;
  });
}
