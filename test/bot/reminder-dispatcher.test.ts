// The dispatcher keeps Telegram's queue fed: the next batch of due reminders
// is claimed while the last half of the current one still waits to be sent,
// so a slow message at a batch's end (a 429's pause) does not idle the rest.
import type { Api } from "grammy";
import { beforeAll, expect, it } from "vitest";
import { createTranslator, type Translator } from "../../src/bot/i18n.ts";
import { createReminderDispatcher } from "../../src/bot/reminders/dispatcher.ts";
import { createLogger } from "../../src/logger.ts";
import type { Services } from "../../src/services/index.ts";
import type { DueReminder } from "../../src/services/reminder-messages.ts";

let translator: Translator;
beforeAll(async () => {
  translator = await createTranslator();
});

function dueReminders(count: number): DueReminder[] {
  return Array.from({ length: count }, (_, index) => ({
    id: `r${index}`,
    chatId: 1000 + index,
    attempts: 0,
    dueAt: new Date("2026-12-03T04:00:00Z"),
    kind: "draft_expiring",
    payload: { draftId: "7d6c1f0e-8a43-4c1b-9a51-3f0d2b9c1a10", deletesOn: "2026-12-10", idleSince: 1 },
  }));
}

/** Sends one message at a time, each when the test lets it go; records what happened in order. */
function rig(total: number) {
  const due = dueReminders(total);
  const events: string[] = [];
  const finished = new Set<string>();
  const waiting: Array<() => void> = [];
  const services = {
    clock: { now: () => new Date("2026-12-03T05:00:00Z") },
    reminders: {
      reportOverdue: async () => [],
      claimDue: async (_now: Date, limit: number) => {
        const batch = due.splice(0, limit);
        events.push(`claim ${batch.length} (${finished.size} sent)`);
        return batch;
      },
      finish: async (id: string) => void finished.add(id),
    },
    reminderContents: {
      prepare: async () => ({ language: "ru", content: { kind: "draft_expiring", deletesOn: "2026-12-10" } }),
    },
  } as unknown as Services;
  const api = {
    sendMessage: (chatId: number) =>
      new Promise((resolve) => waiting.push(() => resolve({ chat: { id: chatId }, message_id: chatId }))),
  } as unknown as Api;
  const dispatcher = createReminderDispatcher({
    api,
    services,
    translator,
    logger: createLogger("silent"),
    batchSize: 4,
  });
  const sendNext = async () => {
    await new Promise((resolve) => setImmediate(resolve));
    waiting.shift()?.();
    await new Promise((resolve) => setImmediate(resolve));
  };
  return { dispatcher, events, finished, sendNext, queued: () => waiting.length };
}

it("claims the next batch while half of the current one is still queued, and sends every reminder once", async () => {
  const { dispatcher, events, finished, sendNext, queued } = rig(10);
  const round = dispatcher.dispatchDue();
  while (finished.size < 10) {
    await sendNext();
    // Never runs dry before the last batch: something always waits for Telegram.
    if (finished.size < 8) expect(queued()).toBeGreaterThan(0);
  }
  const report = await round;
  expect(report.sent).toBe(10);
  expect(events).toEqual(["claim 4 (0 sent)", "claim 4 (2 sent)", "claim 2 (6 sent)", "claim 0 (8 sent)"]);
});
