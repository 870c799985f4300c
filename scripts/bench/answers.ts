// The cost of each answer of one form, one person at a time: does the 25th
// answer cost what the 1st does? Per answer: the median over the people of
// the update→first-answer time, of the bot's CPU for it (the scheduler's
// per-thread account, nanoseconds), and (PostgreSQL) of the size of the
// chat's stored state afterwards (the sealed conversation_state row).
import type { TestUser } from "@job-seeker/bot-api-emulator";
import type { BotProcess } from "../../test/support/bot-process.ts";
import { personData, SimulatedPerson } from "../../test/support/simulated-person.ts";
import { withClient } from "./postgres.ts";
import { threadCpuNs } from "./process-stats.ts";
import { botEnv, createStorage, type Stage, type StorageKind, startBot, startStage } from "./rig.ts";
import { median, round } from "./stats.ts";
import { printTable } from "./table.ts";

export type AnswerFigures = {
  answer: number;
  action: string;
  latencyMs: number | null;
  cpuMs: number | null;
  stateBytes: number | null;
};
export type AnswersResults = {
  storage: StorageKind;
  people: number;
  answers: AnswerFigures[];
  /** The 10th and 25th against the 1st, by CPU and by latency. */
  ratios: { cpu10: number | null; cpu25: number | null; latency10: number | null; latency25: number | null };
};

type Sample = { action: string; latencyMs: number | undefined; cpuNs: number; stateBytes: number | null };

export async function answersScenario(options: { people: number; storage: StorageKind; quietMs: number }) {
  const storage = await createStorage(options.storage);
  const stage = await startStage({ quietMs: options.quietMs });
  const samples: Sample[][] = [];
  try {
    const bot = await startBot(stage, botEnv(stage, storage));
    const stateBytes = storage.database
      ? (userId: number) =>
          withClient(storage.database!.url, async (client) => {
            const { rows } = await client.query(
              `SELECT coalesce(length(value), 0) + coalesce(length(pending), 0) + coalesce(length(prompt), 0) AS bytes
               FROM conversation_state WHERE key = $1`,
              [`chat:${userId}`],
            );
            return rows[0] ? Number(rows[0].bytes) : 0;
          })
      : undefined;
    for (let n = 0; n < options.people; n++) {
      const person: Sample[] = [];
      samples.push(person);
      const user = measured(
        stage.emulator.createUser({ firstName: `Once${n}`, languageCode: "en" }),
        stage,
        bot,
        person,
        stateBytes,
      );
      await new SimulatedPerson(user, "en", personData(n), stage.sms, {
        replyTimeoutMs: 60_000,
        onSilence: "fail",
      }).register();
    }
    await bot.stop();
  } finally {
    await stage.close();
    await storage.drop();
  }

  const longest = Math.max(...samples.map((person) => person.length));
  const answers: AnswerFigures[] = Array.from({ length: longest }, (_, i) => {
    const at = samples.map((person) => person[i]).filter((sample): sample is Sample => sample !== undefined);
    const bytes = at.flatMap((sample) => (sample.stateBytes === null ? [] : [sample.stateBytes]));
    return {
      answer: i + 1,
      action: at[0]?.action ?? "",
      latencyMs: median(at.flatMap((sample) => (sample.latencyMs === undefined ? [] : [sample.latencyMs]))),
      cpuMs: round(median(at.map((sample) => sample.cpuNs / 1e6)), 2),
      stateBytes: bytes.length > 0 ? median(bytes) : null,
    };
  });
  const ratio = (a: number | null | undefined, b: number | null | undefined) => (a && b ? round(a / b, 2) : null);
  const nth = (n: number) => answers[n - 1];
  const results: AnswersResults = {
    storage: options.storage,
    people: options.people,
    answers,
    ratios: {
      cpu10: ratio(nth(10)?.cpuMs, nth(1)?.cpuMs),
      cpu25: ratio(nth(25)?.cpuMs, nth(1)?.cpuMs),
      latency10: ratio(nth(10)?.latencyMs, nth(1)?.latencyMs),
      latency25: ratio(nth(25)?.latencyMs, nth(1)?.latencyMs),
    },
  };
  printTable(
    `Answers of one form, one person at a time (${options.people} people, ${options.storage === "pg" ? "PostgreSQL" : "PGlite"}; medians)`,
    ["answer", "action", "update→answer ms", "bot CPU ms", "state bytes"],
    answers.map((a) => [a.answer, a.action, a.latencyMs, a.cpuMs, a.stateBytes]),
    [
      `25th / 1st: CPU ${results.ratios.cpu25 ?? "n/a"}×, latency ${results.ratios.latency25 ?? "n/a"}×; ` +
        `10th / 1st: CPU ${results.ratios.cpu10 ?? "n/a"}×, latency ${results.ratios.latency10 ?? "n/a"}×.`,
      "bot CPU: every thread of the bot process from the post until the answer was complete (quiet for the emulator's quiet period).",
      "state bytes: the chat's sealed state row (conversation_state value + pending + prompt) after the answer; n/a on PGlite.",
    ],
  );
  return results;
}

/** Wraps the person's actions: the bot's CPU around each, when it was first answered, the stored state after it. */
function measured(
  user: TestUser,
  stage: Stage,
  bot: BotProcess,
  samples: Sample[],
  stateBytes: ((userId: number) => Promise<number>) | undefined,
): TestUser {
  const pid = bot.child.pid!;
  const wrap =
    <A extends unknown[], R>(action: (...args: A) => Promise<R>, describe: (...args: A) => string) =>
    async (...args: A): Promise<R> => {
      const fromCall = stage.emulator.calls.length;
      const cpu = threadCpuNs(pid);
      const posted = Date.now();
      const result = await action(...args);
      const cpuNs = threadCpuNs(pid) - cpu;
      const answer = stage.emulator.calls
        .slice(fromCall)
        .find(
          (call) =>
            call.ok && call.chatId === user.id && call.method !== "getUpdates" && call.method !== "sendChatAction",
        );
      samples.push({
        action: describe(...args),
        latencyMs: answer ? answer.time - posted : undefined,
        cpuNs,
        stateBytes: stateBytes ? await stateBytes(user.id) : null,
      });
      return result;
    };
  user.send = wrap(user.send.bind(user), (text) => `send ${text.slice(0, 24)}`);
  user.press = wrap(user.press.bind(user), (label) => `press ${label.slice(0, 24)}`);
  user.shareContact = wrap(user.shareContact.bind(user), (_contact) => "share contact");
  return user;
}
