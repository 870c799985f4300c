// 10,000 reminders fall due at once ("the term of your application has
// passed"): the bot sends them through the emulator behind Telegram's
// broadcast limit (30 messages a second, refused with 429 beyond it), with
// 429s injected at random on top. Counted per chat: none lost, none twice;
// and the pace, messages a second.
import { openDatabase } from "../../src/db/database.ts";
import { createReminderService } from "../../src/services/reminders.ts";
import { insertSubmittedApplications } from "../../test/support/bulk.ts";
import { testCipher } from "../../test/support/test-keys.ts";
import { texts } from "../../test/support/texts.ts";
import { startFloodLimit } from "./flood-limit.ts";
import { watchProcess } from "./process-stats.ts";
import { type BenchStorage, botEnv, createStorage, type StorageKind, sleep, startBot, startStage } from "./rig.ts";
import { peakInWindow, round } from "./stats.ts";
import { printTable } from "./table.ts";

export type RemindersResults = {
  storage: StorageKind;
  reminders: number;
  delivered: number;
  lost: number;
  twice: number;
  seconds: number | null;
  messagesPerSecond: number | null;
  peakInAnySecond: number;
  injected429: number;
  limit429: number;
  cpuMsPerMessage: number | null;
  peakRssMb: number;
};

const BATCH = 1000;
const INJECTED_429_PROBABILITY = 0.01;

export async function remindersScenario(options: {
  reminders: number;
  storage: StorageKind;
}): Promise<RemindersResults> {
  const storage = await createStorage(options.storage);
  const stage = await startStage({ quietMs: 150 });
  const limit = await startFloodLimit(stage.emulator.apiRoot);
  try {
    const chats = Array.from(
      { length: options.reminders },
      (_, n) => stage.emulator.createUser({ firstName: `Due${n}`, languageCode: "ru", hasStartedBot: true }).id,
    );
    await scheduleDueReminders(storage, chats);
    // 429s with retry_after 1: the first three sends, then about 1% at random, besides those of the limit.
    stage.emulator.failNext("sendMessage", { errorCode: 429, retryAfter: 1, times: 3 });
    stage.emulator.setFlaky({
      probability: INJECTED_429_PROBABILITY,
      methods: ["sendMessage"],
      errors: [{ errorCode: 429, retryAfter: 1 }],
    });
    const fromCall = stage.emulator.calls.length;
    const bot = await startBot(stage, botEnv(stage, storage, { TELEGRAM_API_ROOT: limit.apiRoot }));
    const watch = watchProcess(bot.child.pid!);
    const ru = texts("ru");
    const reminderSends = () =>
      stage.emulator.calls
        .slice(fromCall)
        .filter(
          (call) =>
            call.method === "sendMessage" && String(call.params.text).startsWith(ru.start("reminder.applicationDue")),
        );
    // The bot sends what is due at start; a round cut short by failures is taken up again a minute later.
    const deadline = Date.now() + (options.reminders / 20) * 1000 + 180_000;
    let seen = 0;
    let quietSince = Date.now();
    while (Date.now() < deadline) {
      const delivered = reminderSends().filter((call) => call.ok).length;
      if (delivered >= options.reminders) break;
      if (delivered !== seen) [seen, quietSince] = [delivered, Date.now()];
      else if (Date.now() - quietSince > 90_000) break;
      await sleep(500);
    }
    // Anything sent twice comes right after; give it a moment.
    await sleep(2000);
    const cost = watch.stop();
    await bot.stop();

    const sends = reminderSends();
    const delivered = sends.filter((call) => call.ok);
    const perChat = new Map<number, number>();
    for (const call of delivered) perChat.set(call.chatId!, (perChat.get(call.chatId!) ?? 0) + 1);
    const times = delivered.map((call) => call.time);
    const seconds =
      times.length > 1
        ? (times.reduce((a, b) => Math.max(a, b)) - times.reduce((a, b) => Math.min(a, b))) / 1000
        : null;
    const results: RemindersResults = {
      storage: options.storage,
      reminders: options.reminders,
      delivered: delivered.length,
      lost: chats.filter((chat) => !perChat.has(chat)).length,
      twice: [...perChat.values()].filter((count) => count > 1).length,
      seconds: round(seconds),
      messagesPerSecond: round(seconds ? delivered.length / seconds : null),
      peakInAnySecond: peakInWindow(times, 1000),
      injected429: sends.filter((call) => call.status === 429).length,
      limit429: limit.refused,
      cpuMsPerMessage: round(delivered.length ? cost.cpuMs / delivered.length : null, 2),
      peakRssMb: Math.round(cost.peakRssKb / 1024),
    };
    printTable(
      `Reminders: ${options.reminders} due at once, behind a 30 messages/s limit (${options.storage === "pg" ? "PostgreSQL" : "PGlite"})`,
      [
        "reminders",
        "delivered",
        "lost",
        "twice",
        "seconds",
        "msg/s",
        "peak in 1 s",
        "429 injected",
        "429 by limit",
        "CPU ms/msg",
        "peak RSS MB",
      ],
      [
        [
          results.reminders,
          results.delivered,
          results.lost,
          results.twice,
          results.seconds,
          results.messagesPerSecond,
          results.peakInAnySecond,
          results.injected429,
          results.limit429,
          results.cpuMsPerMessage,
          results.peakRssMb,
        ],
      ],
      [
        "lost: chats that got no reminder; twice: chats that got it more than once (counted from the emulator's call log).",
        "msg/s: delivered messages over the time from the first to the last; 429 injected: the emulator's, the first 3 sends and ~1% at random.",
      ],
    );
    return results;
  } finally {
    stage.emulator.setFlaky(null);
    await limit.close();
    await stage.close();
    await storage.drop();
  }
}

/** Submitted applications past their term, and the reminder of each, due now; written before the bot starts. */
async function scheduleDueReminders(storage: BenchStorage, chats: number[]): Promise<void> {
  const settings =
    "DATABASE_URL" in storage.env
      ? ({ kind: "postgres", url: storage.env.DATABASE_URL } as const)
      : ({ kind: "pglite", dataDir: storage.env.DATA_DIR } as const);
  const db = await openDatabase(settings, { cipher: testCipher });
  try {
    const submittedAt = new Date(Date.now() - 20 * 86_400_000);
    const dueDate = new Date(Date.now() - 5 * 86_400_000).toISOString().slice(0, 10);
    const reminders = createReminderService(db.work);
    for (let from = 0; from < chats.length; from += BATCH) {
      const batch = chats.slice(from, from + BATCH);
      const ids = await insertSubmittedApplications(db, batch, dueDate, submittedAt);
      await reminders.schedule(
        ids.map((applicationId, i) => ({
          kind: "application_due" as const,
          dueAt: new Date(Date.now() - 60_000),
          chatId: batch[i]!,
          payload: { applicationId, number: `2099-${String(from + i + 1).padStart(6, "0")}`, dueDate },
        })),
      );
    }
  } finally {
    await db.close();
  }
}
