import { Bot } from "grammy";
import { type Emulator, type EmulatorOptions, startEmulator } from "../src/index.ts";

export const TOKEN = "7000000001:AAE-test_token";
export const BOT_USERNAME = "job_seeker_test_bot";

export interface Harness {
  emulator: Emulator;
  bot: Bot;
  /** Starts long polling with bot.start(); resolves once polling began. */
  start(): Promise<void>;
  /** Error that ended polling, if any (e.g. a 409). */
  pollingError(): unknown;
  stop(): Promise<void>;
}

/** An emulator on a free port, one registered bot, and a grammY Bot pointed at it. */
export async function createHarness(options: EmulatorOptions = {}): Promise<Harness> {
  const emulator = await startEmulator(options);
  emulator.createBot({ token: TOKEN, username: BOT_USERNAME, firstName: "Job Seeker" });
  const bot = new Bot(TOKEN, { client: { apiRoot: emulator.apiRoot } });
  bot.catch((error) => {
    throw error.error;
  });
  let polling: Promise<void> | undefined;
  let failure: unknown;
  return {
    emulator,
    bot,
    start: () =>
      new Promise<void>((resolve) => {
        polling = bot.start({ timeout: 30, onStart: () => resolve() }).catch((error: unknown) => {
          failure = error;
          resolve();
        });
      }),
    pollingError: () => failure,
    stop: async () => {
      if (bot.isRunning()) await bot.stop();
      await polling;
      await emulator.close();
    },
  };
}
