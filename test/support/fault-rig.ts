// The pieces of a fault test: the Bot API emulator, an SMS gateway stand-in,
// the bot in its own process (as `npm start` runs it) that can be killed and
// started again on the same database, and a crowd of simulated people.

import { type Emulator, startEmulator } from "@job-seeker/bot-api-emulator";
import pg from "pg";
import { languages } from "../../src/domain/language.ts";
import { type BotProcess, startBotProcess } from "./bot-process.ts";
import { freePort, webhookEnv } from "./free-port.ts";
import { personData, SimulatedPerson, type SimulatedPersonOptions } from "./simulated-person.ts";
import { type SmsStandIn, startSmsStandIn } from "./sms-stand-in.ts";
import { TEST_KEYS_ENV } from "./test-keys.ts";

export const FAULT_TOKEN = "7000000099:AAH-fault_tests";

export type FaultRig = {
  emulator: Emulator;
  sms: SmsStandIn;
  bot: BotProcess;
  /** Starts the bot process (again), and waits until it polls. */
  startBot(): Promise<void>;
  killBot(): Promise<void>;
  crowd(count: number, options: SimulatedPersonOptions): SimulatedPerson[];
  close(): Promise<void>;
};

/** How the bot takes updates: long polling, or a webhook the emulator posts to (as a local Bot API server). */
export type IntakeMode = "polling" | "webhook";

export async function startFaultRig(
  env: { DATABASE_URL: string } & Record<string, string>,
  mode: IntakeMode = "polling",
  /**
   * `ledgerUrl`: the people read the bot's update ledger there, and act only
   * once the bot has handled their updates (see SimulatedPerson's `handled`).
   * Not where the database goes away: the ledger then says nothing.
   */
  options: { ledgerUrl?: string } = {},
): Promise<FaultRig> {
  // People wait until the bot has been quiet a while before they act: under load a
  // reply to an earlier message can come after the default 150 ms.
  const emulator = await startEmulator({ quietMs: 400, localMode: true, webhookRetryMs: 500 });
  // The bot's update ledger says which updates it has finished handling.
  const ledger = new pg.Pool({
    connectionString: options.ledgerUrl,
    max: 2,
    connectionTimeoutMillis: 2_000,
    query_timeout: 2_000,
  });
  ledger.on("error", () => undefined);
  const handled = async (updateIds: number[]) => {
    const waiting = await ledger
      .query<{ waiting: number }>(
        "SELECT count(*)::int AS waiting FROM inbound_update WHERE update_id = ANY($1::bigint[]) AND handled_at IS NULL",
        [updateIds],
      )
      .then(
        ({ rows }) => rows[0]!.waiting,
        () => 1,
      );
    return waiting === 0;
  };
  emulator.createBot({ token: FAULT_TOKEN, username: "jobseeker_fault_bot" });
  const sms = await startSmsStandIn();
  const processEnv = {
    BOT_TOKEN: FAULT_TOKEN,
    TELEGRAM_API_ROOT: emulator.apiRoot,
    SMS_GATEWAY_URL: sms.url,
    SMS_GATEWAY_TOKEN: sms.token,
    LOG_LEVEL: "info",
    ...TEST_KEYS_ENV,
    ...(mode === "webhook" ? webhookEnv(await freePort()) : {}),
    ...env,
  };
  const rig: FaultRig = {
    emulator,
    sms,
    bot: undefined as unknown as BotProcess,
    async startBot() {
      rig.bot = startBotProcess(processEnv);
      await rig.bot.waitForLine(mode === "webhook" ? /webhook set/ : /polling for updates/, 60_000);
    },
    async killBot() {
      rig.bot.child.kill("SIGKILL");
      await rig.bot.exited;
    },
    crowd(count, personOptions) {
      return Array.from({ length: count }, (_, n) => {
        const language = languages[n % languages.length]!;
        const user = emulator.createUser({ firstName: `Person${n}`, languageCode: language });
        const withLedger = options.ledgerUrl ? { handled } : {};
        return new SimulatedPerson(user, language, personData(n), sms, { ...withLedger, ...personOptions });
      });
    },
    async close() {
      await rig.bot?.stop();
      await ledger.end();
      await sms.close();
      await emulator.close();
    },
  };
  await rig.startBot();
  return rig;
}

/** Sums of what the crowd went through, for the closing figures. */
export function crowdFigures(people: SimulatedPerson[]) {
  const sum = (pick: (person: SimulatedPerson) => number) => people.reduce((total, person) => total + pick(person), 0);
  return {
    answers: sum((person) => [...person.answers.values()].reduce((a, b) => a + b, 0)),
    retyped: sum((person) => person.retyped),
    notSaved: sum((person) => person.notes.get("form.answerNotSaved") ?? 0),
    answerSaved: sum((person) => person.notes.get("form.answerSaved") ?? 0),
    beforeQuestion: sum((person) => person.notes.get("form.beforeQuestion") ?? 0),
    continueHere: sum((person) => person.notes.get("form.continueHere") ?? 0),
  };
}
