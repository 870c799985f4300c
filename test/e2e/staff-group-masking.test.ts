// An upgrade from a version that posted people's data in the staff group:
// its cards (the whole form, IIN, phone, address), term warnings and relayed
// messages are there, recorded as that version recorded them. After the
// restart the bot shows each card again masked, deletes the relayed texts,
// and counts what Telegram would not let it touch. What no version recorded
// (an old /find answer) stays: the bot cannot find it.

import type { GroupChatSession, TestUser } from "@job-seeker/bot-api-emulator";
import { Api } from "grammy";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatPhone } from "../../src/domain/format.ts";
import { type Harness, STAFF_CHAT_ID, servicesOf, startHarness, TOKEN } from "../support/app-harness.ts";
import { validIin } from "../support/iins.ts";
import { writtenForms } from "../support/personal-data.ts";
import { type Person, RegistrationDriver } from "../support/registration-driver.ts";
import { texts } from "../support/texts.ts";

let harness: Harness;
const logs: string[] = [];
const ru = texts("ru");

beforeAll(async () => {
  harness = await startHarness({ staff: true, staffAppName: "desk", logs });
  // The first start finds nothing older to mask.
  await harness.app.staffGroupMasked;
});
afterAll(async () => {
  await harness.close();
});

const dana: Person = {
  phone: "+77023456789",
  iin: validIin(11, "female"),
  surname: "Төлеубаева",
  givenName: "Дана",
  patronymic: "Маратқызы",
  position: "Логист",
};
const address = "г. Караганда, ул. Ерубаева, д. 41, кв. 7";

/** Every way a value could be written: as typed, digits only, as shown to a person. */
const personalData = [
  dana.iin,
  dana.phone,
  dana.surname,
  dana.givenName,
  dana.patronymic!,
  address,
  "Ерубаева",
].flatMap(writtenForms);
const namesAPerson = (text: string | undefined) => personalData.filter((value) => (text ?? "").includes(value));

const op = (): GroupChatSession => harness.staff!.operators[0].in(harness.staff!.group);
/** The bot's API, as the older version called it. */
const olderVersion = () => new Api(TOKEN, { apiRoot: harness.emulator.apiRoot });

async function posted(start: string) {
  await op().waitFor((s) => s.messages().some((m) => m.text?.startsWith(start)));
  return op()
    .messages()
    .filter((m) => m.text?.startsWith(start))
    .at(-1)!;
}
const inGroup = (messageId: number) =>
  op()
    .messages()
    .find((m) => m.message_id === messageId);

describe("upgrading from a version that posted people's data in the staff group", () => {
  let user: TestUser;
  let number: string;
  const ids: Record<string, number> = {};

  it("has the cards, warnings and relays of the older version in the group", async () => {
    const driver = new RegistrationDriver(harness.user("Дана", "ru"), "ru");
    user = driver.user;
    await driver.fillUpToSummary(dana);
    await driver.confirmAndConsent();
    await driver.sign(harness.sms);
    number = /№ (\d{4}-\d{6})/.exec(user.lastText()!)![1]!;
    ids.card = (await posted(ru("staff.card.title", { number }))).message_id;

    await user.send("/operator");
    const thread = await posted(ru.start("staff.thread.title"));
    ids.threadCard = thread.message_id;
    const close = thread.reply_markup!.inline_keyboard.flat().find((b) => b.text === ru("staff.button.closeThread"))!;
    await op().pressData(thread.message_id, close.callback_data!);
    await user.waitFor((u) => u.lastText() === ru("operator.closed"));

    await user.send("/complaint");
    await user.press(ru("complaint.subjectOf.application", { number }));
    await user.press(ru("complaint.today"));
    await user.send("Заявление не рассмотрено вовремя.");
    await user.press(ru("appeal.sign"));
    await user.send(harness.sms.lastCode());
    const complaint = /№ (C-\d{4}-\d{6})/.exec(user.lastText()!)![1]!;
    ids.complaintCard = (await posted(ru("staff.complaint.title", { number: complaint }))).message_id;

    // What the older version wrote: its cards in full, edited in place as it edited them…
    const api = olderVersion();
    const fullName = `${dana.surname} ${dana.givenName} ${dana.patronymic}`;
    const oldCard = `Заявление № ${number}\nФИО: ${fullName}\nИИН: ${dana.iin}\nТелефон: ${dana.phone}\nАдрес: ${address}\nДолжность: ${dana.position}`;
    await api.editMessageText(
      STAFF_CHAT_ID,
      ids.threadCard,
      `Диалог: ${dana.givenName} ${dana.surname}, ИИН ${dana.iin}`,
    );
    await api.editMessageText(
      STAFF_CHAT_ID,
      ids.complaintCard,
      `Жалоба № ${complaint}\nЗаявитель: ${fullName}, ИИН ${dana.iin}, тел. ${formatPhone(dana.phone)}\nАдрес: ${address}`,
    );
    // …and its posts, recorded as it recorded them (an /find answer it never recorded).
    const staffChat = servicesOf(harness).staffChat;
    const post = async (text: string) => (await api.sendMessage(STAFF_CHAT_ID, text)).message_id;
    const application = (await harness.app.database.prisma.application.findFirstOrThrow({ where: { number } })).id;
    const threadId = (await harness.app.database.prisma.supportThread.findFirstOrThrow()).id;
    ids.oldCard = await post(oldCard);
    await staffChat.recordPost(STAFF_CHAT_ID, ids.oldCard, { kind: "application_card", applicationId: application });
    ids.tooOldRelay = await post(`Сообщение заявителя: мой ИИН ${dana.iin}, телефон ${dana.phone}`);
    await staffChat.recordPost(STAFF_CHAT_ID, ids.tooOldRelay, { kind: "thread_message", threadId });
    ids.warning = await post(`⚠️ Срок рассмотрения истекает\n\n${oldCard}`);
    await staffChat.recordPost(STAFF_CHAT_ID, ids.warning, { kind: "due_warning", applicationId: application });
    ids.relay = await post(`Сообщение заявителя: живу по адресу ${address}`);
    await staffChat.recordPost(STAFF_CHAT_ID, ids.relay, { kind: "thread_message", threadId });
    ids.findAnswer = await post(`Заявление № ${number}\nИИН: ${dana.iin}\nТелефон: ${dana.phone}`);

    for (const id of ["threadCard", "complaintCard", "oldCard", "tooOldRelay", "warning", "relay", "findAnswer"])
      expect(namesAPerson(inGroup(ids[id]!)?.text), id).not.toEqual([]);
  }, 90_000);

  it("shows the cards masked and deletes the relayed messages after the restart, counting what Telegram refused", async () => {
    // The upgrade's migration leaves the task, as it did on the first start.
    await harness.app.database.prisma.$executeRaw`DELETE FROM "data_task" WHERE name = 'mask_staff_group'`;
    await harness.app.database.prisma.$executeRaw`INSERT INTO "data_task" ("name") VALUES ('mask_staff_group')`;
    // Telegram lets a bot delete its group messages for 48 hours: these two are older.
    harness.emulator.failNext("deleteMessage", {
      errorCode: 400,
      description: "Bad Request: message can't be deleted",
      chatId: STAFF_CHAT_ID,
      times: 2,
    });
    await harness.restart();
    expect(harness.app.httpAddress.port).toBeGreaterThan(0);
    await harness.app.staffGroupMasked;

    // The relays are gone; the one too old to delete and the unrecorded /find answer stay.
    expect(inGroup(ids.relay!)).toBeUndefined();
    expect(namesAPerson(inGroup(ids.tooOldRelay!)?.text)).not.toEqual([]);
    expect(namesAPerson(inGroup(ids.findAnswer!)?.text)).not.toEqual([]);
    const left = op()
      .messages()
      .filter((m) => m.message_id !== ids.tooOldRelay && m.message_id !== ids.findAnswer)
      .flatMap((m) => namesAPerson(JSON.stringify(m)).map((value) => `${m.message_id}: ${value}`));
    expect(left).toEqual([]);

    // Each card as it is posted today; the warning Telegram would not delete is its card now.
    const masked = `••••••••${dana.iin.slice(-4)}`;
    for (const id of [ids.card!, ids.oldCard!, ids.warning!]) {
      expect(inGroup(id)?.text).toContain(ru("staff.card.title", { number }));
      expect(inGroup(id)?.text).toContain(ru("staff.card.person", { initials: "Т. Д. М.", iin: masked }));
    }
    expect(inGroup(ids.complaintCard!)?.text).toContain(ru("staff.card.person", { initials: "Т. Д. М.", iin: masked }));
    expect(inGroup(ids.threadCard!)?.text).toContain(ru("staff.thread.title", { person: "Т. Д. М." }));
    expect(inGroup(ids.threadCard!)?.reply_markup).toBeUndefined();
  }, 90_000);

  it("keeps what it did in the task's record, the metric and a log line, without anyone's data", async () => {
    const task = await harness.app.database.prisma.dataTask.findUniqueOrThrow({ where: { name: "mask_staff_group" } });
    expect(task.finishedAt).not.toBeNull();
    // Rendered: the thread's, the complaint's and the old card, and the warning; unchanged: the card posted masked.
    expect(task.report).toMatchObject({ rendered: 4, unchanged: 1, deleted: 1, gone: 0, remaining: 1, notReached: 0 });

    const metrics = await fetch(`http://127.0.0.1:${harness.app.httpAddress.port}/metrics`).then((r) => r.text());
    expect(metrics).toMatch(/^jobseeker_staff_group_unmasked 1$/m);

    const lines = logs.filter((line) => line.includes("staff group"));
    expect(lines.some((line) => line.includes('"remaining":1'))).toBe(true);
    expect(lines.flatMap(namesAPerson)).toEqual([]);
  });

  it("does it once in all: the next start finds the task done", async () => {
    const edits = harness.emulator.callsTo("editMessageText").length;
    await harness.restart();
    await harness.app.staffGroupMasked;
    expect(harness.emulator.callsTo("editMessageText").length).toBe(edits);
    const metrics = await fetch(`http://127.0.0.1:${harness.app.httpAddress.port}/metrics`).then((r) => r.text());
    expect(metrics).toMatch(/^jobseeker_staff_group_unmasked 1$/m);
  });
});
