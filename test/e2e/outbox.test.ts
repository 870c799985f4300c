// Nothing on the clock is lost to Telegram failing: a reminder is tried again
// after a pause that doubles up to an hour and is never given up; the staff
// chat hears once of what is still undelivered an hour after it was due; a
// refusal for good is recorded and counted; term warnings and the digest are
// retried like any reminder; the card of an appeal or a complaint that failed
// to post is posted by the scheduler, once.
import type { GroupChatSession, TestUser } from "@job-seeker/bot-api-emulator";
import { afterEach, describe, expect, it } from "vitest";
import { createReminderService } from "../../src/services/reminders.ts";
import { FRIDAY_MORNING, type Harness, STAFF_CHAT_ID, startHarness } from "../support/app-harness.ts";
import { insertSubmittedApplications } from "../support/bulk.ts";
import { validIin } from "../support/iins.ts";
import { texts } from "../support/texts.ts";

const ru = texts("ru");
const MINUTE = 60_000;
const SATURDAY_MORNING = FRIDAY_MORNING + 24 * 60 * MINUTE;
let harness: Harness;
let people = 700;

afterEach(async () => {
  harness.emulator.setFlaky(null);
  await harness.close();
});

const op = (): GroupChatSession => harness.staff!.operators[0].in(harness.staff!.group);
const staffTexts = () =>
  op()
    .messages()
    .map((m) => m.text ?? "");

async function metric(series: string): Promise<number> {
  const { host, port } = harness.app.httpAddress;
  const text = await (await fetch(`http://${host}:${port}/metrics`)).text();
  const line = text.split("\n").find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
}

/** An applicant with a submitted application, and "its term has passed" queued for now. */
async function applicantWithDueReminder(): Promise<{ user: TestUser; sendsTo: () => number; text: string }> {
  const user = harness.emulator.createUser({ firstName: `Заявитель ${++people}`, hasStartedBot: true });
  const [applicationId] = await insertSubmittedApplications(
    harness.app.database,
    [user.id],
    "2026-11-30",
    new Date(FRIDAY_MORNING),
  );
  const number = `2099-000001-${user.id}`;
  await createReminderService(harness.app.database.work).schedule([
    {
      kind: "application_due",
      dueAt: harness.clock.now(),
      chatId: user.id,
      payload: { applicationId: applicationId!, number, dueDate: "2026-11-30" },
    },
  ]);
  return {
    user,
    sendsTo: () => harness.emulator.callsTo("sendMessage").filter((call) => call.params.chat_id === user.id).length,
    text: ru("reminder.applicationDue", { number, dueDate: "30.11.2026" }),
  };
}

describe("a reminder Telegram does not take", () => {
  it("is tried again after 1, 2, 4 … 32 minutes and then hourly, never given up; the staff chat hears once after an hour", async () => {
    // A Saturday: no morning digest, so the staff chat's own limit (20 a minute) stays out of the way.
    harness = await startHarness({ staff: true, now: SATURDAY_MORNING });
    const { user, sendsTo, text } = await applicantWithDueReminder();
    // Telegram asks to wait longer than the broadcast API waits in a call: every try fails.
    harness.emulator.setFlaky({
      probability: 1,
      methods: ["sendMessage"],
      errors: [{ errorCode: 429, retryAfter: 600 }],
    });
    await harness.app.runScheduledWork();
    expect(sendsTo()).toBe(1);
    const pauses = [1, 2, 4, 8, 16, 32, 60, 60];
    for (const [i, pause] of pauses.entries()) {
      harness.clock.advance(pause * MINUTE - 1_000);
      await harness.app.runScheduledWork();
      expect(sendsTo(), `not before ${pause} min`).toBe(i + 1);
      harness.clock.advance(1_000);
      await harness.app.runScheduledWork();
    }
    expect(sendsTo()).toBe(9);
    const row = await harness.app.database.prisma.reminder.findFirstOrThrow({ where: { chatId: BigInt(user.id) } });
    expect(row).toMatchObject({ sentAt: null, outcome: null, attempts: 9 });
    expect(row.lastError).toMatch(/^429: Too Many Requests/);
    expect(await metric('jobseeker_reminders_overdue_total{kind="application_due"}')).toBe(1);
    expect(await metric('jobseeker_reminders_total{outcome="retried"}')).toBeGreaterThanOrEqual(9);

    // Telegram takes messages again: the reminder arrives once, and so does the staff chat's notice.
    harness.emulator.setFlaky(null);
    harness.clock.advance(60 * MINUTE);
    await harness.app.runScheduledWork();
    await user.waitFor((u) => u.lastText() === text);
    const notice = () => staffTexts().filter((t) => t.startsWith(ru("staff.outboxOverdue.title")));
    await op().waitFor(() => notice().length === 1);
    expect(notice()[0]).toContain(
      ru("staff.outboxOverdue.line", {
        what: ru("staff.outboxOverdue.kind.application_due"),
        count: "1",
        since: "28.11.2026 10:00",
      }),
    );
    // Nothing personal in it: no name, no number of an application.
    expect(notice()[0]).not.toContain("2099-000001");
    for (let i = 0; i < 3; i++) {
      harness.clock.advance(2 * 60 * MINUTE);
      await harness.app.runScheduledWork();
    }
    expect(user.messages().filter((m) => m.text === text)).toHaveLength(1);
    expect(notice()).toHaveLength(1);
    expect(await metric('jobseeker_reminders_overdue_total{kind="application_due"}')).toBe(1);
  }, 120_000);

  it("refused for good (the person blocked the bot) is recorded and counted, not tried again", async () => {
    harness = await startHarness({ staff: true });
    const { user, sendsTo } = await applicantWithDueReminder();
    harness.emulator.failNext("sendMessage", {
      chatId: user.id,
      errorCode: 403,
      description: "Forbidden: bot was blocked by the user",
    });
    await harness.app.runScheduledWork();
    harness.clock.advance(3 * 60 * MINUTE);
    await harness.app.runScheduledWork();
    expect(sendsTo()).toBe(1);
    expect(
      await harness.app.database.prisma.reminder.findFirstOrThrow({ where: { chatId: BigInt(user.id) } }),
    ).toMatchObject({ outcome: "failed", lastError: "403: Forbidden: bot was blocked by the user" });
    expect(await metric('jobseeker_reminders_total{outcome="failed"}')).toBe(1);
    expect(await metric('jobseeker_reminders_undeliverable_total{reason="blocked"}')).toBe(1);
    // Recorded, so never reported as overdue.
    expect(await metric('jobseeker_reminders_overdue_total{kind="application_due"}')).toBe(0);
  });
});

describe("the staff chat's warnings and digest", () => {
  it("are posted when Telegram failed them the first time, each once", async () => {
    harness = await startHarness({ staff: true });
    // The round of the start has ended: the faults below are for Monday's posts.
    await harness.app.runScheduledWork();
    const [id] = await insertSubmittedApplications(
      harness.app.database,
      [++people],
      "2026-11-30",
      new Date(FRIDAY_MORNING),
    );
    const number = `2099-000001-${people}`;
    // Monday 30.11.2026 16:30: 2 working hours before the term ends, and after the 09:00 digest.
    harness.clock.setAlmaty("2026-11-30T16:30");
    harness.emulator.failNext("sendMessage", {
      chatId: STAFF_CHAT_ID,
      errorCode: 429,
      retryAfter: 600,
      times: 2,
    });
    await harness.app.runScheduledWork();
    const warnings = () => staffTexts().filter((t) => t.startsWith("⚠️") && t.includes(`№ ${number}`));
    const digests = () => staffTexts().filter((t) => t.startsWith(ru("staff.digest.title", { today: "30.11.2026" })));
    expect([warnings().length, digests().length]).toEqual([0, 0]);
    expect(
      harness.emulator.callsTo("sendMessage").filter((call) => call.params.chat_id === STAFF_CHAT_ID && !call.ok),
    ).toHaveLength(2);

    harness.clock.advance(MINUTE);
    await harness.app.runScheduledWork();
    await op().waitFor(() => warnings().length === 1 && digests().length === 1);
    harness.clock.advance(10 * MINUTE);
    await harness.app.runScheduledWork();
    expect([warnings().length, digests().length]).toEqual([1, 1]);
    // The warning is a card operators decide from, as before.
    const warning = op()
      .messages()
      .find((m) => m.text?.startsWith("⚠️") && m.text.includes(`№ ${number}`))!;
    expect(warning.reply_markup?.inline_keyboard.flat().map((b) => b.text)).toContain(ru("staff.button.register"));
    expect(
      await harness.app.database.prisma.staffPost.findFirst({
        where: { messageId: warning.message_id, kind: "due_warning", applicationId: id! },
      }),
    ).not.toBeNull();
  });
});

describe("the card of an appeal or a complaint that failed to post", () => {
  async function fileAppeal(user: TestUser): Promise<string> {
    await user.send("/start");
    await user.press("Русский");
    await user.send("/appeal");
    await user.send("Иванов Иван Иванович");
    await user.press(ru("appeal.kindNatural"));
    await user.send(validIin(people));
    await user.send("г. Астана, ул. Кенесары, 10");
    await user.press(ru("appeal.body.service_provider"));
    await user.send("Прошу пересмотреть отказ в регистрации в качестве лица, ищущего работу.");
    await user.press(ru("appeal.sign"));
    await user.shareContact({ phone: `+7702${String(1000000 + people)}` });
    await user.send(harness.sms.lastCode());
    return /№ (A-\d{4}-\d{6})/.exec(user.lastText()!)![1]!;
  }

  async function fileComplaint(user: TestUser): Promise<string> {
    await user.send("/start");
    await user.press("Русский");
    await user.send("/complaint");
    await user.send(`Жалобщиков Номер${people}`);
    await user.send("Бездействие карьерного центра по моему заявлению");
    await user.press(ru("complaint.today"));
    await user.send("Прошу рассмотреть моё заявление и дать ответ.");
    await user.press(ru("appeal.sign"));
    await user.send(validIin(people));
    await user.shareContact({ phone: `+7705${String(1000000 + people)}` });
    await user.send(harness.sms.lastCode());
    return /№ (C-\d{4}-\d{6})/.exec(user.lastText()!)![1]!;
  }

  it.each([
    ["an appeal", fileAppeal],
    ["a complaint", fileComplaint],
  ])("is posted by the scheduler for %s, exactly once", async (_what, file) => {
    harness = await startHarness({ staff: true });
    harness.emulator.failNext("sendMessage", {
      chatId: STAFF_CHAT_ID,
      errorCode: 400,
      description: "Bad Request: not enough rights to send text messages to the chat",
    });
    const user = harness.user(`Заявитель ${++people}`, "ru");
    const number = await file(user);
    const cards = () => staffTexts().filter((t) => t.includes(`№ ${number}`));
    await harness.emulator.waitFor(() =>
      harness.emulator.callsTo("sendMessage").some((call) => call.params.chat_id === STAFF_CHAT_ID && !call.ok),
    );
    expect(cards()).toHaveLength(0);

    // Not before 10 minutes: a card may still be on its way from the handler that claimed it.
    harness.clock.advance(9 * MINUTE);
    await harness.app.runScheduledWork();
    expect(cards()).toHaveLength(0);
    harness.clock.advance(2 * MINUTE);
    await harness.app.runScheduledWork();
    await op().waitFor(() => cards().length === 1);
    harness.clock.advance(20 * MINUTE);
    await harness.app.runScheduledWork();
    await harness.app.runScheduledWork();
    expect(cards()).toHaveLength(1);
    expect(await metric("jobseeker_staff_cards_waiting")).toBe(0);
  });
});
