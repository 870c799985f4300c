// Durable reminders: sent at their time, once, also after a restart, never
// twice by two instances, and at Telegram's pace without losing any.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type Emulator, startEmulator } from "@job-seeker/bot-api-emulator";
import { afterEach, describe, expect, it } from "vitest";
import { type RunningApp, startApp } from "../../src/app.ts";
import { loadConfig } from "../../src/config.ts";
import { createLogger } from "../../src/logger.ts";
import type { NewReminder } from "../../src/services/reminder-messages.ts";
import { createReminderService } from "../../src/services/reminders.ts";
import { FakeClock, FRIDAY_MORNING, type Harness, startHarness } from "../support/app-harness.ts";
import { insertSubmittedApplications } from "../support/bulk.ts";
import { temporaryPostgres } from "../support/databases.ts";
import { aigerim, RegistrationDriver } from "../support/registration-driver.ts";
import { TEST_KEYS_ENV } from "../support/test-keys.ts";
import { texts } from "../support/texts.ts";

const ru = texts("ru");
// Friday 27.11.2026 10:00 → due Monday 30.11.2026, 18:30 Almaty.
const MONDAY_18_29 = Date.parse("2026-11-30T13:29:00Z") - FRIDAY_MORNING;

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

async function submittedApplication(h: Harness) {
  const driver = new RegistrationDriver(h.user("Айгерім", "ru"), "ru");
  await driver.fillUpToSummary(aigerim);
  await driver.confirmAndConsent();
  await driver.user.send(h.sms.lastCode());
  const reminders = () =>
    driver.user.messages().filter((m) => m.text?.startsWith(ru.start("reminder.applicationDue"))).length;
  return { driver, reminders };
}

describe("the reminder that an application's term has passed", () => {
  it("is sent at the end of the due date, once", async () => {
    harness = await startHarness();
    const { driver, reminders } = await submittedApplication(harness);
    harness.clock.advance(MONDAY_18_29);
    await harness.app.runScheduledWork();
    expect(reminders()).toBe(0);
    harness.clock.advance(60_000);
    await harness.app.runScheduledWork();
    await harness.app.runScheduledWork();
    await driver.user.waitFor(() => reminders() === 1);
    expect(driver.user.lastText()).toBe(
      ru("reminder.applicationDue", { number: "2026-000001", dueDate: "30.11.2026" }),
    );
    await harness.app.runScheduledWork();
    expect(reminders()).toBe(1);
  });

  it("is sent when the bot comes back if it fell due while the bot was down", async () => {
    harness = await startHarness();
    const { driver, reminders } = await submittedApplication(harness);
    await harness.app.stop();
    harness.clock.advance(MONDAY_18_29 + 3_600_000);
    await harness.restart();
    await driver.user.waitFor(() => reminders() === 1);
    await harness.app.runScheduledWork();
    expect(reminders()).toBe(1);
  });

  it("is not sent when the application was decided in time", async () => {
    harness = await startHarness();
    const { reminders } = await submittedApplication(harness);
    await harness.app.database.prisma.application.updateMany({ data: { status: "registered", decidedAt: new Date() } });
    harness.clock.advance(MONDAY_18_29 + 60_000);
    await harness.app.runScheduledWork();
    expect(reminders()).toBe(0);
    expect(await harness.app.database.prisma.reminder.findFirst()).toMatchObject({ outcome: "skipped" });
  });
});

type Instance = { app: RunningApp; token: string };

/** "The term has passed" for each application, due now. */
function dueReminders(applicationIds: string[], users: Array<{ id: number }>): NewReminder[] {
  return applicationIds.map((applicationId, i) => ({
    kind: "application_due",
    dueAt: new Date(FRIDAY_MORNING),
    chatId: users[i]!.id,
    payload: { applicationId, number: `2026-${String(i + 1).padStart(6, "0")}`, dueDate: "2026-11-30" },
  }));
}

async function startInstances(
  emulator: Emulator,
  count: number,
  database: { DATABASE_URL?: string; DATA_DIR?: string },
  clock: FakeClock,
): Promise<Instance[]> {
  const instances: Instance[] = [];
  for (let i = 0; i < count; i++) {
    const token = `70000002${i}0:AAH-reminder_instance_${i}`;
    emulator.createBot({ token, username: `reminder_instance_${i}_bot` });
    const config = loadConfig({
      BOT_TOKEN: token,
      TELEGRAM_API_ROOT: emulator.apiRoot,
      PORT: "0",
      HOST: "127.0.0.1",
      ...TEST_KEYS_ENV,
      ...database,
    });
    instances.push({
      token,
      app: await startApp(config, createLogger("silent"), { clock, sms: { send: async () => {} } }),
    });
  }
  return instances;
}

/** The most successful sendMessage calls in any window of the given length. */
function peak(times: number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  let start = 0;
  for (let end = 0; end < sorted.length; end++) {
    while (sorted[end]! - sorted[start]! >= windowMs) start++;
    best = Math.max(best, end - start + 1);
  }
  return best;
}

describe.runIf(process.env.TEST_DATABASE_URL)("two instances on one PostgreSQL", () => {
  it("send each reminder exactly once", async () => {
    const emulator = await startEmulator();
    const database = await temporaryPostgres(process.env.TEST_DATABASE_URL!);
    const clock = new FakeClock(FRIDAY_MORNING);
    const url = (database.settings as { url: string }).url;
    try {
      const instances = await startInstances(emulator, 2, { DATABASE_URL: url }, clock);
      const _prisma = instances[0]!.app.database.prisma;
      const users = Array.from({ length: 120 }, (_, i) =>
        emulator.createUser({ firstName: `Person ${i}`, hasStartedBot: true }),
      );
      const ids = await insertSubmittedApplications(
        instances[0]!.app.database,
        users.map((u) => u.id),
        "2026-11-30",
        new Date(FRIDAY_MORNING),
      );
      await createReminderService(instances[0]!.app.database.work).schedule(dueReminders(ids, users));
      await Promise.all(instances.map((instance) => instance.app.runScheduledWork()));
      const sent = emulator
        .callsTo("sendMessage")
        .filter((call) => call.ok && String(call.params.text).startsWith(ru.start("reminder.applicationDue")));
      const perChat = new Map<unknown, number>();
      for (const call of sent) perChat.set(call.params.chat_id, (perChat.get(call.params.chat_id) ?? 0) + 1);
      expect(perChat.size).toBe(120);
      expect([...perChat.values()].every((n) => n === 1)).toBe(true);
      expect(new Set(sent.map((call) => call.botUsername)).size).toBe(2);
      for (const instance of instances) await instance.app.stop();
    } finally {
      await emulator.close();
      await database.drop();
    }
  });
});

describe("at Telegram's pace", () => {
  it("delivers 2,000 reminders to distinct chats within ~30 a second, and a 429 loses nothing", async () => {
    const emulator = await startEmulator();
    const dataDir = mkdtempSync(path.join(tmpdir(), "jobseeker-load-"));
    const clock = new FakeClock(FRIDAY_MORNING);
    try {
      const [instance] = await startInstances(emulator, 1, { DATA_DIR: dataDir }, clock);
      const prisma = instance!.app.database.prisma;
      const users = Array.from({ length: 2000 }, (_, i) =>
        emulator.createUser({ firstName: `P${i}`, hasStartedBot: true }),
      );
      const ids = await insertSubmittedApplications(
        instance!.app.database,
        users.map((u) => u.id),
        "2026-11-30",
        new Date(FRIDAY_MORNING),
      );
      await createReminderService(instance!.app.database.work).schedule(dueReminders(ids, users));
      emulator.failNext("sendMessage", { errorCode: 429, retryAfter: 2, times: 3 });
      await instance!.app.runScheduledWork();
      while ((await createReminderService(instance!.app.database.work).pendingCount()) > 0)
        await instance!.app.runScheduledWork();

      const calls = emulator.callsTo("sendMessage");
      const delivered = calls.filter((call) => call.ok);
      expect(calls.filter((call) => call.status === 429)).toHaveLength(3);
      expect(new Set(delivered.map((call) => call.params.chat_id)).size).toBe(2000);
      expect(delivered).toHaveLength(2000);
      // Telegram's limit is about 30 a second overall.
      const secondPeak = peak(
        delivered.map((call) => call.time),
        1000,
      );
      console.log(
        `2000 reminders: ${((delivered.at(-1)!.time - delivered[0]!.time) / 1000).toFixed(1)} s, peak ${secondPeak} in any 1 s window`,
      );
      expect(secondPeak).toBeLessThanOrEqual(30);
      expect(await prisma.reminder.count({ where: { outcome: "sent" } })).toBe(2000);
      await instance!.app.stop();
    } finally {
      await emulator.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 240_000);
});
