// The outbox on both storages: a reminder Telegram cannot take now is tried
// again after a pause that doubles up to an hour and is never given up; one
// still undelivered an hour after it was due is reported to the staff chat
// once; a term warning is queued as a reminder in the same transaction as its
// claim, once.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Database, openDatabase } from "../../src/db/database.ts";
import { createServices, type Services } from "../../src/services/index.ts";
import { standInMobileRegistry } from "../../src/services/mobile-registry.ts";
import type { NewReminder } from "../../src/services/reminder-messages.ts";
import { RETRY_MAX_MS, retryDelayMs } from "../../src/services/reminders.ts";
import { insertSubmittedApplications } from "../support/bulk.ts";
import { storageKinds, type TestDatabase } from "../support/databases.ts";
import { testCipher } from "../support/test-keys.ts";

const STAFF_CHAT = -1001000000777;
const MINUTE = 60_000;
const due = new Date("2026-11-30T05:00:00Z");
const later = (ms: number) => new Date(due.getTime() + ms);

it("pauses 1, 2, 4 … 32 minutes between tries, then an hour, however many tries", () => {
  expect([1, 2, 3, 4, 5, 6, 7, 8, 50, 10_000].map((attempts) => retryDelayMs(attempts) / MINUTE)).toEqual([
    1, 2, 4, 8, 16, 32, 60, 60, 60, 60,
  ]);
  expect(retryDelayMs(1_000_000)).toBe(RETRY_MAX_MS);
});

describe.each(storageKinds())("the outbox on $kind", ({ create }) => {
  let testDb: TestDatabase;
  let db: Database;
  let services: Services;
  let now = due;

  beforeEach(async () => {
    testDb = await create();
    db = await openDatabase(testDb.settings, { cipher: testCipher });
    now = due;
    services = createServices({
      db: db.work,
      clock: { now: () => now },
      sms: { send: async () => {} },
      registry: standInMobileRegistry(),
      secret: "test-secret",
      staffChatId: STAFF_CHAT,
    });
  });

  afterEach(async () => {
    await db?.close();
    await testDb?.drop();
  });

  const dueReminder = (applicationId: string, chatId: number): NewReminder => ({
    kind: "application_due",
    dueAt: due,
    chatId,
    payload: { applicationId, number: "2026-000001", dueDate: "2026-11-30" },
  });

  it("tries a temporary failure again after the pause, never gives it up, and keeps what Telegram said", async () => {
    const [id] = await insertSubmittedApplications(db, [501], "2026-11-30", later(-2 * 24 * 60 * MINUTE));
    await services.reminders.schedule([dueReminder(id!, 501)]);
    let at = due;
    for (let attempt = 1; attempt <= 12; attempt++) {
      const [claimed] = await services.reminders.claimDue(at);
      expect(claimed?.attempts).toBe(attempt);
      const retryAt = await services.reminders.retryLater(claimed!, at, "429: Too Many Requests: retry after 120");
      expect(retryAt.getTime() - at.getTime()).toBe(retryDelayMs(attempt));
      // Not a moment before its pause ends.
      expect(await services.reminders.claimDue(new Date(retryAt.getTime() - 1))).toEqual([]);
      at = retryAt;
    }
    const row = await db.prisma.reminder.findFirstOrThrow();
    expect(row).toMatchObject({ sentAt: null, outcome: null, attempts: 12 });
    expect(row.lastError).toBe("429: Too Many Requests: retry after 120");
    const [last] = await services.reminders.claimDue(at);
    await services.reminders.finish(last!.id, "sent", at);
    expect(await db.prisma.reminder.findFirstOrThrow()).toMatchObject({ outcome: "sent", attempts: 13 });
  });

  it("records a permanent refusal with what Telegram said, and does not try it again", async () => {
    const [id] = await insertSubmittedApplications(db, [502], "2026-11-30", later(-2 * 24 * 60 * MINUTE));
    await services.reminders.schedule([dueReminder(id!, 502)]);
    const [claimed] = await services.reminders.claimDue(due);
    await services.reminders.fail(claimed!.id, due, "403: Forbidden: bot was blocked by the user");
    expect(await db.prisma.reminder.findFirstOrThrow()).toMatchObject({
      outcome: "failed",
      lastError: "403: Forbidden: bot was blocked by the user",
    });
    expect(await services.reminders.claimDue(later(24 * 60 * MINUTE))).toEqual([]);
  });

  it("reports reminders tried and still undelivered an hour after they were due to the staff chat, once, by kind", async () => {
    const ids = await insertSubmittedApplications(db, [511, 512, 513], "2026-11-30", later(-2 * 24 * 60 * MINUTE));
    await services.reminders.schedule([
      dueReminder(ids[0]!, 511),
      dueReminder(ids[1]!, 512),
      { ...dueReminder(ids[2]!, 513), dueAt: later(30 * MINUTE) },
      { kind: "staff_digest", dueAt: due, chatId: STAFF_CHAT, payload: { today: "2026-11-30", next: "2026-12-01" } },
    ]);
    // Never tried: not late for Telegram's fault (the bot was down), so not reported.
    expect(await services.reminders.reportOverdue(later(2 * 60 * MINUTE))).toEqual([]);
    // Every try fails.
    const failEverything = async (at: Date) => {
      for (const reminder of await services.reminders.claimDue(at))
        await services.reminders.retryLater(reminder, at, "502: Bad Gateway");
    };
    await failEverything(due);
    await failEverything(later(30 * MINUTE));
    expect(await services.reminders.reportOverdue(later(60 * MINUTE - 1))).toEqual([]);

    now = later(61 * MINUTE);
    const groups = await services.reminders.reportOverdue(now);
    expect(groups).toEqual([
      { kind: "application_due", count: 2, oldestDueAt: due },
      { kind: "staff_digest", count: 1, oldestDueAt: due },
    ]);
    const notices = await db.prisma.reminder.findMany({ where: { kind: "staff_outbox_overdue" } });
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ chatId: BigInt(STAFF_CHAT), dueAt: now });
    // No person's data: kinds, counts and times only.
    expect(notices[0]!.payload).toEqual({
      groups: [
        { kind: "application_due", count: 2, oldestDueAt: due.toISOString() },
        { kind: "staff_digest", count: 1, oldestDueAt: due.toISOString() },
      ],
    });

    // Each reminder once; the notice itself is never reported, however late.
    now = later(95 * MINUTE);
    expect(await services.reminders.reportOverdue(now)).toEqual([
      { kind: "application_due", count: 1, oldestDueAt: later(30 * MINUTE) },
    ]);
    await failEverything(later(10 * 60 * MINUTE));
    expect(await services.reminders.reportOverdue(later(10 * 60 * MINUTE))).toEqual([]);
    expect(await db.prisma.reminder.count({ where: { kind: "staff_outbox_overdue" } })).toBe(2);
  });

  it("queues each term warning once, as a reminder for the staff chat", async () => {
    // Due Monday 30.11.2026 18:30 Almaty; the warning comes at 16:30.
    const [id] = await insertSubmittedApplications(db, [521], "2026-11-30", new Date("2026-11-27T05:00:00Z"));
    const at = (local: string) => new Date(`${local}:00+05:00`);
    expect(await services.escalations.scheduleDue(at("2026-11-30T16:29"))).toBe(0);
    expect(await services.escalations.scheduleDue(at("2026-11-30T16:30"))).toBe(1);
    expect(await services.escalations.scheduleDue(at("2026-11-30T16:45"))).toBe(0);
    expect(await services.escalations.scheduleDue(at("2026-11-30T18:30"))).toBe(1);
    expect(await services.escalations.scheduleDue(at("2026-12-01T10:00"))).toBe(0);
    const rows = await db.prisma.reminder.findMany({ where: { kind: "staff_escalation" }, orderBy: { dueAt: "asc" } });
    expect(rows.map((row) => [Number(row.chatId), row.payload, row.dedupeKey])).toEqual([
      [STAFF_CHAT, { applicationId: id, level: "due_soon" }, `staff_escalation:due_soon:${id}`],
      [STAFF_CHAT, { applicationId: id, level: "overdue" }, `staff_escalation:overdue:${id}`],
    ]);
  });
});
