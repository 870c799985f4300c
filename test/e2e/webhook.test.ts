// Webhook mode as the agency runs it: two instances on one PostgreSQL behind
// a load balancer, Telegram (the emulator, as a self-hosted Bot API server)
// posting updates to WEBHOOK_URL with the secret token.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type Emulator, startEmulator } from "@job-seeker/bot-api-emulator";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type RunningApp, startApp } from "../../src/app.ts";
import { loadConfig } from "../../src/config.ts";
import { languages } from "../../src/domain/language.ts";
import { createLogger } from "../../src/logger.ts";
import type { Services } from "../../src/services/index.ts";
import { CapturingSms, FakeClock, FRIDAY_MORNING } from "../support/app-harness.ts";
import { type TestDatabase, temporaryPostgres } from "../support/databases.ts";
import { crowdFigures } from "../support/fault-rig.ts";
import { type LoadBalancer, startLoadBalancer } from "../support/load-balancer.ts";
import { RegistrationDriver } from "../support/registration-driver.ts";
import { personData, SimulatedPerson } from "../support/simulated-person.ts";
import { shiftedFields, storedApplications } from "../support/stored-forms.ts";
import { TEST_KEYS_ENV } from "../support/test-keys.ts";

const serverUrl = process.env.TEST_DATABASE_URL;
const TOKEN = "7000000031:AAH-webhook_e2e";
const SECRET = "s3cret-token-for-the-webhook-0123456789";
const PATH = "/telegram/updates";

let emulator: Emulator;
let balancer: LoadBalancer;
let database: TestDatabase;
let dataDir: string;
let instances: RunningApp[];
const clock = new FakeClock(FRIDAY_MORNING);
const sms = new CapturingSms();

beforeEach(async () => {
  if (!serverUrl) return;
  emulator = await startEmulator({ localMode: true, webhookRetryMs: 100 });
  emulator.createBot({ token: TOKEN, username: "jobseeker_webhook_bot" });
  balancer = await startLoadBalancer();
  database = await temporaryPostgres(serverUrl);
  dataDir = mkdtempSync(path.join(tmpdir(), "jobseeker-webhook-"));
  instances = [];
});

afterEach(async () => {
  if (!serverUrl) return;
  for (const app of instances) await app.stop();
  await balancer.close();
  await emulator.close();
  await database.drop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function startInstance(services?: (s: Services) => Services): Promise<RunningApp> {
  const config = loadConfig({
    BOT_TOKEN: TOKEN,
    TELEGRAM_API_ROOT: emulator.apiRoot,
    DATA_DIR: dataDir,
    DATABASE_URL: database.settings.kind === "postgres" ? database.settings.url : "",
    HOST: "127.0.0.1",
    PORT: "0",
    WEBHOOK_URL: `http://127.0.0.1:${balancer.port}${PATH}`,
    WEBHOOK_SECRET: SECRET,
    ...TEST_KEYS_ENV,
  });
  const app = await startApp(config, createLogger(process.env.TEST_LOG_LEVEL ?? "silent"), {
    clock,
    sms,
    ...(services ? { services } : {}),
  });
  instances.push(app);
  balancer.backends.push(app.httpAddress.port);
  return app;
}

const post = (app: RunningApp, body: unknown, secret: string | null = SECRET) =>
  fetch(`http://127.0.0.1:${app.httpAddress.port}${PATH}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(secret ? { "x-telegram-bot-api-secret-token": secret } : {}) },
    body: JSON.stringify(body),
  });

function textUpdate(updateId: number, user: { id: number }, text: string) {
  return {
    update_id: updateId,
    message: {
      message_id: updateId,
      date: Math.floor(Date.now() / 1000),
      chat: { id: user.id, type: "private", first_name: "Тест" },
      from: { id: user.id, is_bot: false, first_name: "Тест", language_code: "ru" },
      text,
      ...(text.startsWith("/") ? { entities: [{ type: "bot_command", offset: 0, length: text.length }] } : {}),
    },
  };
}

describe.skipIf(!serverUrl)("webhook mode with two instances behind a load balancer", () => {
  it("takes a whole registration, the instances answering in turn", async () => {
    const [first, second] = [await startInstance(), await startInstance()];
    const driver = new RegistrationDriver(emulator.createUser({ firstName: "Айгерім", languageCode: "kk" }), "kk");
    await driver.fillUpToSummary();
    await driver.confirmAndConsent();
    await driver.sign(sms);
    expect(driver.user.lastText()).toMatch(/№ 2026-000001/);

    expect(balancer.sent.get(first!.httpAddress.port)).toBeGreaterThan(5);
    expect(balancer.sent.get(second!.httpAddress.port)).toBeGreaterThan(5);
    // Every update acknowledged at the first try, none left in Telegram's queue.
    const attempts = emulator.webhookAttempts("jobseeker_webhook_bot");
    expect(attempts.every((a) => a.ok)).toBe(true);
    const info = (await fetch(`${emulator.apiRoot}/bot${TOKEN}/getWebhookInfo`).then((r) => r.json())) as {
      result: unknown;
    };
    expect(info.result).toMatchObject({ url: `http://127.0.0.1:${balancer.port}${PATH}`, pending_update_count: 0 });
  });

  it("answers an update delivered to both instances at once only once", async () => {
    await startInstance();
    await startInstance();
    const user = emulator.createUser({ firstName: "Дана", languageCode: "ru" });
    await user.send("/start");
    await user.press("Русский");
    const before = user.messages().length;

    balancer.mirror = true;
    const answer = await user.send("/help");
    expect(answer).toHaveLength(1);
    await user.waitFor(() => user.messages().length > before);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(user.messages().length - before).toBe(1);
  });

  it("gives every update one effect and keeps each chat in order when every update reaches both instances", async () => {
    const [first] = [await startInstance(), await startInstance()];
    balancer.mirror = true;
    const people = Array.from({ length: 12 }, (_, n) => {
      const language = languages[n % languages.length]!;
      const user = emulator.createUser({ firstName: `Mirror${n}`, languageCode: language });
      return new SimulatedPerson(user, language, personData(n), sms, { replyTimeoutMs: 60_000, onSilence: "fail" });
    });
    const receipts = await Promise.all(people.map((person) => person.register()));

    const stored = await storedApplications(first!.database);
    const shifted = people.flatMap((person) =>
      (stored.get(person.user.id) ?? []).flatMap((form) => shiftedFields(form, person.data)),
    );
    const figures = crowdFigures(people);
    const attempts = emulator.webhookAttempts("jobseeker_webhook_bot").length;
    console.log(
      "two instances, every update twice:",
      JSON.stringify({ ...figures, attempts, shifted: shifted.length }),
    );
    expect(receipts).toHaveLength(12);
    expect(people.map((person) => stored.get(person.user.id)?.length ?? 0)).toEqual(people.map(() => 1));
    expect(shifted).toEqual([]);
    // Each question answered once: no answer was lost, doubled or taken out of turn.
    expect(figures.retyped).toBe(0);
    expect(figures.answerSaved + figures.beforeQuestion + figures.notSaved).toBe(0);
    expect(people.map((person) => sms.sent.filter((s) => s.phone === person.data.phone).length)).toEqual(
      people.map(() => 1),
    );
  });

  it("never handles one chat on two instances at once", async () => {
    let running = 0;
    let mostAtOnce = 0;
    const slowStatus = (services: Services): Services => ({
      ...services,
      overview: {
        ...services.overview,
        status: async (...args: Parameters<Services["overview"]["status"]>) => {
          running++;
          mostAtOnce = Math.max(mostAtOnce, running);
          await new Promise((resolve) => setTimeout(resolve, 200));
          running--;
          return services.overview.status(...args);
        },
      },
    });
    const first = await startInstance(slowStatus);
    const second = await startInstance(slowStatus);
    const user = emulator.createUser({ firstName: "Тест", languageCode: "ru", hasStartedBot: true });

    const answers = await Promise.all(
      [1, 2, 3, 4].map((n) => post(n % 2 ? first : second, textUpdate(900_000 + n, user, "/status"))),
    );
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
    expect(mostAtOnce).toBe(1);
    expect(user.messages().filter((m) => m.from?.is_bot)).toHaveLength(4);
  });

  it("refuses a request without the secret token, and one that is not an update", async () => {
    const app = await startInstance();
    const user = emulator.createUser({ firstName: "Тест", languageCode: "ru", hasStartedBot: true });
    expect((await post(app, textUpdate(910_001, user, "/help"), "wrong-secret-wrong-secret-wrong-secret")).status).toBe(
      401,
    );
    expect((await post(app, textUpdate(910_002, user, "/help"), null)).status).toBe(401);
    expect((await post(app, { hello: "world" })).status).toBe(400);
    expect(user.messages()).toHaveLength(0);
  });
});
