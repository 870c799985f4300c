// The operators' desk as the Mini App calls it: operators only, the queue and
// its filters, one record in full (each look audited), the decisions through
// the same services as the staff chat's buttons (the group's card follows,
// the person is told, nothing is decided twice), search, statistics and the
// CSV export.

import type { GroupChatSession, Message, TestUser } from "@job-seeker/bot-api-emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseCsv } from "../../src/domain/applications-csv.ts";
import { signInitData } from "../../src/server/mini-app/init-data.ts";
import { type Harness, startHarness, TOKEN } from "../support/app-harness.ts";
import { filedApplication } from "../support/desk-applicants.ts";
import { validIin } from "../support/iins.ts";
import { texts } from "../support/texts.ts";

let harness: Harness;
let people = 0;
const logs: string[] = [];
const ru = texts("ru");

beforeAll(async () => {
  harness = await startHarness({ staff: true, staffAppName: "desk", logs });
});

afterAll(async () => {
  await harness.close();
});

const staff = () => harness.staff!;
const group = (user: TestUser): GroupChatSession => user.in(staff().group);
/** Гүлнар Оператор, whose Telegram is in Russian. */
const gulnar = () => staff().operators[0];
const yerzhan = () => staff().operators[1];

/** initData as Telegram hands it to the desk opened by this person now. */
function initDataOf(user: TestUser): string {
  const caller = {
    id: user.id,
    first_name: user.user.first_name,
    ...(user.user.last_name ? { last_name: user.user.last_name } : {}),
    ...(user.user.language_code ? { language_code: user.user.language_code } : {}),
  };
  return signInitData(
    { user: JSON.stringify(caller), auth_date: String(Math.floor(harness.clock.now().getTime() / 1000)) },
    TOKEN,
  );
}

type Answer = { status: number; body: Record<string, unknown>; headers: Headers; text: string };

async function desk(user: TestUser, path: string, body?: unknown): Promise<Answer> {
  const response = await fetch(`http://127.0.0.1:${harness.app.httpAddress.port}/app/api/desk${path}`, {
    method: body === undefined ? "GET" : "POST",
    headers: {
      authorization: `tma ${initDataOf(user)}`,
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  const json = response.headers.get("content-type")?.startsWith("application/json") ? JSON.parse(text) : {};
  return { status: response.status, body: json, headers: response.headers, text };
}

/** Files an application in the chat; returns the person, the number and the group's card. */
async function submitted(language: "ru" | "kk" = "ru") {
  const applicant = await filedApplication(harness, ++people, language);
  return { ...applicant, card: cardOf(applicant.number) };
}

const cardOf = (number: string): Message =>
  group(gulnar())
    .messages()
    .find((m) => m.text?.includes(`№ ${number}`) && m.reply_markup !== undefined)!;
const cardNow = (card: Message) =>
  group(gulnar())
    .messages()
    .find((m) => m.message_id === card.message_id)!;

/** Presses a button once the bot has shown it: on a busy machine the answer may come after `send` returns. */
async function pressWhenShown(user: TestUser, label: string): Promise<void> {
  const shown = (u: TestUser) =>
    u.buttons().flat().includes(label) ||
    (u
      .replyKeyboard()
      ?.keyboard.flat()
      .some((b) => (typeof b === "string" ? b : b.text) === label) ??
      false);
  await user.waitFor(shown);
  await user.press(label);
}

/** Files an appeal in the chat (typed in full); returns the person and its number. */
async function filedAppeal(): Promise<{ user: TestUser; number: string }> {
  const n = ++people;
  const user = harness.user(`Заявитель ${n}`, "ru");
  await user.send("/start");
  await pressWhenShown(user, "Русский");
  await user.send("/appeal");
  await user.send("Иванов Иван Иванович");
  await pressWhenShown(user, ru("appeal.kindNatural"));
  await user.send(validIin(n + 40));
  await user.send("г. Астана, ул. Кенесары, 10");
  await pressWhenShown(user, ru("appeal.body.service_provider"));
  await user.send("Прошу пересмотреть отказ в регистрации в качестве лица, ищущего работу.");
  await pressWhenShown(user, ru("appeal.sign"));
  const phone = `+7706${String(2000000 + n)}`;
  await user.waitFor((u) => u.replyKeyboard() !== null);
  await user.shareContact({ phone });
  await user.waitFor(() => harness.sms.lastCodeFor(phone) !== undefined);
  await user.send(harness.sms.lastCodeFor(phone)!);
  await user.waitFor((u) => /№ A-\d{4}-\d{6}/.test(u.lastText() ?? ""));
  const number = /№ (A-\d{4}-\d{6})/.exec(user.lastText()!)![1]!;
  await group(gulnar()).waitFor((s) => s.messages().some((m) => m.text?.includes(`№ ${number}`)));
  return { user, number };
}

const numbersIn = (list: unknown) => (list as Array<{ number: string }>).map((item) => item.number);

describe("the desk", () => {
  it("is closed to anyone who is not an operator, even a member of the staff chat", async () => {
    const bystander = await desk(staff().bystander, "/queue");
    expect(bystander).toMatchObject({ status: 403, body: { error: "forbidden" } });
    const citizen = await desk(harness.user("Гражданин", "ru"), "/stats");
    expect(citizen.status).toBe(403);
    expect((await desk(staff().bystander, "/export")).status).toBe(403);
  });

  it("lists the queue with each filter: due today, overdue, taken by me, appeals, complaints", async () => {
    const early = await submitted();
    const late = await submitted();
    const appeal = await filedAppeal();
    expect((await desk(gulnar(), `/applications/${late.number}/take`, {})).status).toBe(200);

    const all = await desk(gulnar(), "/queue");
    expect(numbersIn(all.body.applications)).toEqual(expect.arrayContaining([early.number, late.number]));
    expect(numbersIn(all.body.appeals)).toContain(appeal.number);
    // The queue names numbers and dates, never the person.
    expect(all.text).not.toContain(early.person.iin);
    expect(all.text).not.toContain(early.person.surname);

    const mine = await desk(gulnar(), "/queue?filter=mine");
    expect(numbersIn(mine.body.applications)).toEqual([late.number]);
    expect((await desk(yerzhan(), "/queue?filter=mine")).body.applications).toEqual([]);

    expect(numbersIn((await desk(gulnar(), "/queue?filter=appeals")).body.appeals)).toContain(appeal.number);
    expect((await desk(gulnar(), "/queue?filter=appeals")).body.applications).toEqual([]);
    const complaints = await desk(gulnar(), "/queue?filter=complaints");
    expect(complaints.body).toMatchObject({ applications: [], appeals: [], threads: [] });

    // Filed on Friday 27 November, the result is due on Monday 30 November.
    expect((await desk(gulnar(), "/queue?filter=due_today")).body.applications).toEqual([]);
    harness.clock.setAlmaty("2026-11-30T09:00");
    expect(numbersIn((await desk(gulnar(), "/queue?filter=due_today")).body.applications)).toEqual(
      expect.arrayContaining([early.number, late.number]),
    );
    expect((await desk(gulnar(), "/queue?filter=overdue")).body.applications).toEqual([]);
    harness.clock.setAlmaty("2026-12-01T09:00");
    expect(numbersIn((await desk(gulnar(), "/queue?filter=overdue")).body.applications)).toEqual(
      expect.arrayContaining([early.number, late.number]),
    );
    expect((await desk(gulnar(), "/queue?filter=due_today")).body.applications).toEqual([]);
    expect((await desk(gulnar(), "/queue?filter=whatever")).status).toBe(400);
    harness.clock.setAlmaty("2026-11-27T10:00");
  });

  it("shows one application in full to the operator, recorded in the audit trail with who and when", async () => {
    const { number, person } = await submitted();
    harness.clock.setAlmaty("2026-11-27T11:15");
    const view = await desk(gulnar(), `/applications/${number}`);
    expect(view.status).toBe(200);
    expect(view.body).toMatchObject({ number, status: "submitted", form: { iin: person.iin, phone: person.phone } });

    const application = await harness.app.database.prisma.application.findFirstOrThrow({ where: { number } });
    const entries = await harness.app.database.prisma.auditEntry.findMany({
      where: { subjectId: application.id, action: "desk.view" },
    });
    expect(entries.map((e) => ({ actorId: Number(e.actorId), actorName: e.actorName, at: e.at }))).toEqual([
      { actorId: gulnar().id, actorName: "Гүлнар Оператор", at: new Date("2026-11-27T06:15:00Z") },
    ]);
    // The log of the request names neither the IIN nor the phone.
    expect(logs.join("\n")).not.toContain(person.iin);
    expect(logs.join("\n")).not.toContain(person.phone);
    expect((await desk(gulnar(), "/applications/2026-999999")).status).toBe(404);
    harness.clock.setAlmaty("2026-11-27T10:00");
  });

  it("opens the record a card's Open link names, and nothing for an id the bot did not make", async () => {
    const { number, card } = await submitted();
    const url = card.reply_markup!.inline_keyboard.flat().find((b) => b.text === ru("staff.button.open"))!;
    const startId = new URL((url as { url: string }).url).searchParams.get("startapp")!;
    const opened = await desk(gulnar(), `/open/${startId}`);
    expect(opened.body).toMatchObject({ kind: "application", number, status: "submitted" });
    expect((await desk(gulnar(), `/open/${startId.slice(0, -2)}xx`)).status).toBe(404);
    expect((await desk(gulnar(), "/open/find")).body).toEqual({ kind: "find" });
  });

  it("takes and registers: the person is told in the chat, the card shows it, a second decision gets 409", async () => {
    const { driver, number, card } = await submitted("kk");
    const taken = await desk(gulnar(), `/applications/${number}/take`, {});
    expect(taken.body).toMatchObject({ assignee: "Гүлнар Оператор" });
    await group(gulnar()).waitFor(() =>
      cardNow(card).text!.includes(ru("staff.card.takenBy", { name: "Гүлнар Оператор" })),
    );
    const otherTakes = await desk(yerzhan(), `/applications/${number}/take`, {});
    expect(otherTakes.status).toBe(409);
    expect(otherTakes.body.message).toBe(texts("kk")("staff.takenByOther", { name: "Гүлнар Оператор" }));

    const registered = await desk(gulnar(), `/applications/${number}/register`, {});
    expect(registered.body).toMatchObject({ status: "registered", decidedBy: "Гүлнар Оператор" });
    await driver.user.waitFor((u) => u.lastText() === texts("kk")("decision.registered", { number }));
    expect(cardNow(card).text).toContain("✅");
    // Decided, the card keeps only its Open button.
    expect(group(gulnar()).buttons(cardNow(card)).flat()).toEqual([ru("staff.button.open")]);

    const again = await desk(gulnar(), `/applications/${number}/refuse`, {
      ground: "unreliable_documents",
      comment: "Поздно",
    });
    expect(again.status).toBe(409);
    expect(again.body.message).toBe(
      ru("staff.alreadyDecided", {
        number,
        status: ru("status.registered_female"),
        name: "Гүлнар Оператор",
        at: "27.11.2026 10:00",
      }),
    );
  });

  it("loses to a decision pressed in the group first, and says so", async () => {
    const { number, card } = await submitted();
    await group(yerzhan()).pressData(card.message_id, card.reply_markup!.inline_keyboard[1]![0]!.callback_data!);
    await group(gulnar()).waitFor(() => cardNow(card).text!.includes("✅"));
    const late = await desk(gulnar(), `/applications/${number}/register`, {});
    expect(late.status).toBe(409);
    expect(late.body.error).toBe("already_decided");
  });

  it("refuses on a ground with a comment; the person reads both, and a body without a ground is refused", async () => {
    const { driver, number, card } = await submitted();
    const bad = await desk(gulnar(), `/applications/${number}/refuse`, { comment: "Нет основания" });
    expect(bad).toMatchObject({ status: 400, body: { message: ru("miniApp.errors.invalidBody") } });

    const refused = await desk(gulnar(), `/applications/${number}/refuse`, {
      ground: "non_compliant_information",
      comment: "Указанный стаж не подтверждён.",
    });
    expect(refused.body).toMatchObject({ status: "refused", refusalGround: "non_compliant_information" });
    await driver.user.waitFor((u) => u.lastText()?.includes("Указанный стаж не подтверждён.") ?? false);
    expect(driver.user.lastText()).toContain(ru("refusalGround.non_compliant_information"));
    expect(cardNow(card).text).toContain("❌");
  });

  it("decides an appeal: satisfied with its reasoning, told to the person; a second decision gets 409", async () => {
    const { user, number } = await filedAppeal();
    const view = await desk(gulnar(), `/appeals/${number}`);
    expect(view.body).toMatchObject({ kind: "appeal", number, status: "received" });

    const note = "Отказ отменён, заявление будет рассмотрено повторно.";
    const decided = await desk(gulnar(), `/appeals/${number}/decision`, { action: "satisfy", note });
    expect(decided.body).toMatchObject({ status: "satisfied", decisionNote: note });
    await user.waitFor((u) => u.lastText() === ru("appeal.changed.satisfied", { number, note }));

    const again = await desk(yerzhan(), `/appeals/${number}/decision`, { action: "refuse", note: "Поздно." });
    expect(again.status).toBe(409);
    expect(again.body.message).toBe(
      texts("kk")("staff.appeal.notOpen", { number, status: texts("kk")("appealStatus.satisfied") }),
    );
  });

  it("answers a person's conversation from the queue and closes it; a closed one takes no more answers", async () => {
    const user = harness.user(`Заявитель ${++people}`, "kk");
    await user.send("/start");
    await user.press("Қазақша");
    await user.send("/operator");
    expect(user.lastText()).toBe(texts("kk")("operator.opened"));
    const queue = await desk(gulnar(), "/queue");
    const [thread] = queue.body.threads as Array<{ id: string }>;
    expect(thread).toBeDefined();

    const sent = await desk(gulnar(), `/threads/${thread!.id}/reply`, { text: "Сәлеметсіз бе! Көмектесеміз." });
    expect(sent.body).toMatchObject({ delivered: true });
    await user.waitFor(
      (u) => u.lastText() === texts("kk")("operator.answer", { text: "Сәлеметсіз бе! Көмектесеміз." }),
    );

    expect((await desk(gulnar(), `/threads/${thread!.id}/close`, {})).body).toMatchObject({ status: "closed" });
    await user.waitFor((u) => u.lastText() === texts("kk")("operator.closed"));
    const late = await desk(yerzhan(), `/threads/${thread!.id}/reply`, { text: "Тағы бір сөз." });
    expect(late).toMatchObject({ status: 409, body: { message: texts("kk")("staff.thread.alreadyClosed") } });
  });

  it("tells the group's thread who answered and who closed it in the desk, never what was written", async () => {
    const user = harness.user(`Заявитель ${++people}`, "ru");
    await user.send("/start");
    await pressWhenShown(user, "Русский");
    await user.send("/operator");
    await user.waitFor((u) => u.lastText() === ru("operator.opened"));
    const queue = await desk(gulnar(), "/queue");
    const { id } = (queue.body.threads as Array<{ id: string }>).at(-1)!;
    const { staffMessageId: cardId } = await harness.app.database.prisma.supportThread.findUniqueOrThrow({
      where: { id },
    });
    const inThread = () =>
      group(gulnar())
        .messages()
        .filter((m) => m.reply_to_message?.message_id === cardId);

    // An operator writes what the person asked about: their IIN and phone, their address.
    const iin = validIin(people + 40);
    const answer = `Проверили ИИН ${iin} и телефон +7 705 123 45 67, адрес: г. Астана, ул. Кенесары, 10.`;
    expect((await desk(gulnar(), `/threads/${id}/reply`, { text: answer })).body).toMatchObject({ delivered: true });
    await user.waitFor((u) => u.lastText() === ru("operator.answer", { text: answer }));
    await group(gulnar()).waitFor(() => inThread().length === 1);
    expect(inThread()[0]!.text).toBe(ru("staff.thread.answeredInDesk", { name: "Гүлнар Оператор" }));

    // A colleague replies to that line in the group: it reaches the person as a reply to the card does.
    await group(yerzhan()).send("Дополню: приходите в среду.", { replyTo: inThread()[0]!.message_id });
    await user.waitFor((u) => u.lastText() === ru("operator.answer", { text: "Дополню: приходите в среду." }));

    expect((await desk(yerzhan(), `/threads/${id}/close`, {})).status).toBe(200);
    await group(gulnar()).waitFor(() =>
      inThread().some((m) => m.text === ru("staff.thread.closedInDesk", { name: "Ержан Оператор" })),
    );
    const card = group(gulnar())
      .messages()
      .find((m) => m.message_id === cardId)!;
    expect(group(gulnar()).buttons(card).flat()).toEqual([]);

    for (const { text = "" } of group(gulnar()).messages()) {
      const digits = text.replace(/\D/g, "");
      expect(digits).not.toContain(iin);
      expect(digits).not.toContain("7051234567");
      expect(text).not.toContain("Кенесары");
    }
  });

  it("finds by IIN, and the search is in the audit trail without the IIN", async () => {
    const { number, person } = await submitted();
    const found = await desk(gulnar(), `/search?q=${person.iin}`);
    expect(numbersIn(found.body.applications)).toContain(number);
    const entry = await harness.app.database.prisma.auditEntry.findFirstOrThrow({
      where: { action: "staff.find" },
      orderBy: { at: "desc" },
    });
    expect(Number(entry.actorId)).toBe(gulnar().id);
    expect(JSON.stringify({ ...entry, actorId: null })).not.toContain(person.iin);
    expect((await desk(gulnar(), "/search?q=hello")).status).toBe(400);
  });

  it("downloads the CSV export with its header row, audited", async () => {
    const { number, person } = await submitted();
    const file = await desk(gulnar(), "/export?from=2026-11-01&to=2026-11-30");
    expect(file.status).toBe(200);
    expect(file.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(file.headers.get("content-disposition")).toMatch(
      /^attachment; filename="applications-2026-11-01-2026-11-30\.csv"$/,
    );
    const [header, ...rows] = parseCsv(file.text);
    expect(header).toEqual(
      [
        "number",
        "status",
        "received",
        "due",
        "decided",
        "decidedBy",
        "ground",
        "surname",
        "givenName",
        "patronymic",
        "iin",
        "phone",
        "position",
        "salary",
      ].map((key) => ru(`staff.export.column.${key}`)),
    );
    expect(rows.find((row) => row[0] === number)).toContain(person.iin);
    const entry = await harness.app.database.prisma.auditEntry.findFirstOrThrow({
      where: { action: "staff.export" },
      orderBy: { at: "desc" },
    });
    expect(Number(entry.actorId)).toBe(gulnar().id);
    expect(entry.after).toMatchObject({ from: "2026-11-01", to: "2026-11-30" });
  });

  it("gives the statistics with the last 30 days for the chart", async () => {
    const stats = await desk(gulnar(), "/stats");
    const days = stats.body.days as Array<{ date: string; received: number; decided: number }>;
    expect(days).toHaveLength(30);
    expect(days[0]!.date).toBe("2026-10-29");
    expect(days[29]!.date).toBe("2026-11-27");
    const receivedToday = await harness.app.database.prisma.application.count({ where: { number: { not: null } } });
    expect(days[29]!.received).toBe(receivedToday);
    expect(stats.body.today).toMatchObject({ received: days[29]!.received });
  });
});
