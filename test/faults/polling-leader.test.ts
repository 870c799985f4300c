// Long polling with two instances of `npm start` on one PostgreSQL: one polls
// (Telegram allows one getUpdates caller per token), the other stands by and,
// when the leader is killed, takes over within 15 s.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type Emulator, startEmulator } from "@job-seeker/bot-api-emulator";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type BotProcess, startBotProcess } from "../support/bot-process.ts";
import { type TestDatabase, temporaryPostgres } from "../support/databases.ts";
import { TEST_KEYS_ENV } from "../support/test-keys.ts";

const serverUrl = process.env.TEST_DATABASE_URL;
const TOKEN = "7000000041:AAH-polling_leader";
let emulator: Emulator;
let database: TestDatabase;
let dataDir: string;
const processes: BotProcess[] = [];

beforeAll(async () => {
  if (!serverUrl) return;
  emulator = await startEmulator({ timeoutMs: 20_000 });
  emulator.createBot({ token: TOKEN, username: "jobseeker_leader_bot" });
  database = await temporaryPostgres(serverUrl);
  dataDir = mkdtempSync(path.join(tmpdir(), "jobseeker-leader-"));
});

afterAll(async () => {
  await Promise.all(processes.map((bot) => bot.stop()));
  await emulator?.close();
  await database?.drop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

const start = () => {
  const bot = startBotProcess({
    BOT_TOKEN: TOKEN,
    TELEGRAM_API_ROOT: emulator.apiRoot,
    DATABASE_URL: (database.settings as { url: string }).url,
    DATA_DIR: dataDir,
    ...TEST_KEYS_ENV,
  });
  processes.push(bot);
  return bot;
};

const LEADS = /polling for updates: this instance leads/;

it.runIf(serverUrl)(
  "polls from one instance only, and the other takes over within 15 s of the leader's death",
  async () => {
    const leader = start();
    await leader.waitForLine(LEADS, 60_000);
    const standby = start();
    await standby.waitForLine(/waiting to lead/, 60_000);
    await standby.waitForLine(/bot started/, 60_000);

    const user = emulator.createUser({ firstName: "Ержан", languageCode: "kk" });
    await user.send("/start");
    expect(user.lastText()).toBeTruthy();
    // Two pollers would have pushed each other off with 409 Conflict.
    for (const bot of [leader, standby]) expect(bot.lines.join("\n")).not.toMatch(/getUpdates failed|Conflict/);
    expect(standby.lines.some((line) => LEADS.test(line))).toBe(false);

    leader.child.kill("SIGKILL");
    await leader.exited;
    const killedAt = Date.now();
    await standby.waitForLine(LEADS, 15_000);
    const tookOverMs = Date.now() - killedAt;
    await user.press("Қазақша");
    expect(user.lastText()).toBeTruthy();
    console.log(`polling taken over ${tookOverMs} ms after the leader was killed`);
    expect(tookOverMs).toBeLessThan(15_000);
  },
  120_000,
);
