// The production entry (dist/bundle/main.js, built when stale, what `npm
// start` execs) stopped by SIGTERM while it handles an update: it stops being
// ready, finishes the update (the person gets the answer), closes and exits 0.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type Emulator, startEmulator } from "@job-seeker/bot-api-emulator";
import { afterEach, beforeEach, expect, it } from "vitest";
import { type BotProcess, buildBundleIfStale, startBotProcess } from "../support/bot-process.ts";
import { aigerim, RegistrationDriver } from "../support/registration-driver.ts";
import { type RegistryStandIn, startRegistryStandIn } from "../support/registry-stand-in.ts";
import { TEST_KEYS_ENV } from "../support/test-keys.ts";

const TOKEN = "7000000051:AAH-drain_e2e";
let emulator: Emulator;
let registry: RegistryStandIn;
let dataDir: string;
let bot: BotProcess | undefined;

beforeEach(async () => {
  buildBundleIfStale();
  emulator = await startEmulator({ timeoutMs: 20_000 });
  emulator.createBot({ token: TOKEN, username: "jobseeker_drain_bot" });
  registry = await startRegistryStandIn();
  dataDir = mkdtempSync(path.join(tmpdir(), "jobseeker-drain-"));
});

afterEach(async () => {
  await bot?.stop();
  await registry.close();
  await emulator.close();
  rmSync(dataDir, { recursive: true, force: true });
});

it("finishes the update in hand on SIGTERM, not ready meanwhile, and exits 0", async () => {
  bot = startBotProcess(
    {
      BOT_TOKEN: TOKEN,
      TELEGRAM_API_ROOT: emulator.apiRoot,
      DATA_DIR: dataDir,
      MOBILE_DB_URL: registry.url,
      MOBILE_DB_TOKEN: registry.token,
      ...TEST_KEYS_ENV,
    },
    "bundle",
  );
  const started = await bot.waitForLine(/bot started/, 60_000);
  const port = (JSON.parse(started) as { http: { port: number } }).http.port;
  const readyz = () =>
    fetch(`http://127.0.0.1:${port}/readyz`).then(
      (response) => response.status,
      () => "closed" as const,
    );
  expect(await readyz()).toBe(200);

  const driver = new RegistrationDriver(emulator.createUser({ firstName: "Айгерім", languageCode: "kk" }), "kk");
  await driver.chooseLanguage();
  await driver.begin();
  await driver.phone(aigerim);
  // The registry holds the check until its 5 s timeout: the update stays in hand.
  registry.mode = "silent";
  const answered = driver.user.send(aigerim.iin);
  await expect.poll(() => registry.checks.length, { timeout: 10_000 }).toBe(1);

  const signalled = Date.now();
  bot.child.kill("SIGTERM");
  await expect.poll(readyz, { timeout: 2_000 }).toBe(503);
  const code = await bot.exited;
  const drainMs = Date.now() - signalled;
  console.log(`drained in ${drainMs} ms`);

  expect(code).toBe(0);
  await answered;
  expect(driver.user.lastText()).toBe(driver.tx.atStep(2, "registration.registry.unavailable"));
  expect(drainMs).toBeLessThan(25_000);
  expect(await readyz()).toBe("closed");
}, 90_000);
