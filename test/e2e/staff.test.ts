// Operators in the staff chat: cards, decisions, races, refusals, relays,
// commands, escalations, as two operators and a colleague would use them.

import type { GroupChatSession, Message, TestUser } from "@job-seeker/bot-api-emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTranslator, type Translator } from "../../src/bot/i18n.ts";
import { applicationsExportCsv, parseCsv } from "../../src/domain/applications-csv.ts";
import type { Language } from "../../src/domain/language.ts";
import { type Harness, servicesOf, startHarness } from "../support/app-harness.ts";
import { validIin } from "../support/iins.ts";
import { aigerim, RegistrationDriver } from "../support/registration-driver.ts";
import { texts } from "../support/texts.ts";

let harness: Harness;
let translator: Translator;
let people = 0;
const ru = texts("ru");
/** An operator at the desk. */
const operator = { id: 1, name: "Гүлнар Оператор" };

beforeAll(async () => {
  harness = await startHarness({ staff: true });
  translator = await createTranslator();
});

afterAll(async () => {
  await harness.close();
});

const staff = () => harness.staff!;
const inStaffChat = (user: TestUser): GroupChatSession => user.in(staff().group);

/** Files an application and returns its card in the staff chat. */
async function submitted(language: Language = "ru", sex: "male" | "female" = "male") {
  const n = ++people;
  const driver = new RegistrationDriver(harness.user(`Заявитель ${n}`, language), language);
  const person = {
    ...aigerim,
    iin: validIin(n, sex),
    phone: `+7701${String(1000000 + n)}`,
    surname: `Тестов`,
    givenName: `Номер${"а".repeat(n % 3)}`,
  };
  await driver.fillUpToSummary(person);
  await driver.confirmAndConsent();
  await driver.user.send(harness.sms.lastCode());
  const number = /№ (\d{4}-\d{6})/.exec(driver.user.lastText()!)![1]!;
  const op = inStaffChat(staff().operators[0]);
  await op.waitFor((session) => session.messages().some((m) => m.text?.includes(`№ ${number}`)));
  const card = op.messages().find((m) => m.text?.includes(`№ ${number}`))!;
  return { driver, person, number, card };
}

const cardNow = (card: Message) =>
  inStaffChat(staff().operators[0])
    .messages()
    .find((m) => m.message_id === card.message_id)!;

describe("a submitted application", () => {
  it("arrives in the staff chat with what an operator needs and nothing more, and buttons", async () => {
    const { person, number, card } = await submitted();
    expect(card.text).toContain(ru("staff.card.title", { number }));
    // Initials and the IIN's last 4 digits; no phone, no name, no form.
    expect(card.text).toContain(
      ru("staff.card.person", { initials: `Т. Н. ${person.patronymic![0]}.`, iin: `••••••••${person.iin.slice(-4)}` }),
    );
    for (const personal of [person.iin, "+7 701", person.phone, person.surname, person.givenName, person.position])
      expect(card.text).not.toContain(personal);
    expect(card.text).toContain(ru("staff.card.received", { at: "27.11.2026 10:00" }));
    expect(card.text).toContain(ru("staff.card.due", { date: "30.11.2026" }));
    expect(card.reply_markup?.inline_keyboard.flat().map((b) => b.text)).toEqual([
      ru("staff.button.take"),
      ru("staff.button.register"),
      ru("staff.button.refuse"),
    ]);
  });

  it("is taken, then registered; the applicant is told in their language and it is in /history", async () => {
    const { driver, number, card } = await submitted("kk");
    const [first, second] = staff().operators;
    await inStaffChat(first).pressData(card.message_id, card.reply_markup!.inline_keyboard[0]![0]!.callback_data!);
    expect(cardNow(card).text).toContain(ru("staff.card.takenBy", { name: "Гүлнар Оператор" }));
    expect(inStaffChat(first).buttons(cardNow(card)).flat()).toEqual([
      ru("staff.button.register"),
      ru("staff.button.refuse"),
    ]);
    await inStaffChat(second).pressData(card.message_id, card.reply_markup!.inline_keyboard[0]![0]!.callback_data!);
    expect(inStaffChat(second).lastCallbackAnswer()?.text).toBe(ru("staff.takenByOther", { name: "Гүлнар Оператор" }));

    await inStaffChat(second).pressData(card.message_id, card.reply_markup!.inline_keyboard[1]![0]!.callback_data!);
    await driver.user.waitFor((u) => u.lastText() === texts("kk")("decision.registered", { number }));
    expect(cardNow(card).text).toContain("✅");
    expect(cardNow(card).text).toContain("Ержан Оператор");
    expect(cardNow(card).reply_markup).toBeUndefined();

    await driver.user.send("/history");
    expect(driver.user.lastText()).toContain(texts("kk")("history.kind.application_registered"));
    const audit = await harness.app.database.prisma.auditEntry.findMany({
      where: { subjectType: "application" },
      orderBy: { at: "asc" },
    });
    expect(audit.filter((a) => a.action === "application.register" && a.actorName === "Ержан Оператор")).toHaveLength(
      1,
    );
  });

  it("says in Russian that a man is «зарегистрирован» and a woman «зарегистрирована», as their IINs tell", async () => {
    const man = await submitted("ru", "male");
    const woman = await submitted("ru", "female");
    const op = inStaffChat(staff().operators[0]);
    for (const { driver, number, card } of [man, woman]) {
      await op.pressData(card.message_id, card.reply_markup!.inline_keyboard[1]![0]!.callback_data!);
      await driver.user.waitFor((u) => u.lastText() === ru("decision.registered", { number }));
    }
    // The number and the status; the dates are other tests' business.
    const heading = (number: string, status: string) =>
      ru("status.line", { number, status }).split("\n").slice(0, 2).join("\n");
    await man.driver.user.send("/status");
    expect(man.driver.user.lastText()).toContain(
      heading(man.number, "зарегистрирован в качестве лица, ищущего работу"),
    );
    await woman.driver.user.send("/status");
    expect(woman.driver.user.lastText()).toContain(
      heading(woman.number, "зарегистрирована в качестве лица, ищущего работу"),
    );
    await woman.driver.user.send("/history");
    expect(woman.driver.user.lastText()).toContain(ru("status.registered_female"));
    // So does the export operators download from the desk.
    const rows = await servicesOf(harness).staffRecords.export(
      "2026-11-27",
      "2026-11-27",
      operator,
      harness.clock.now(),
    );
    const exported = parseCsv(applicationsExportCsv(translator.t("ru"), rows).toString("utf8"));
    expect(exported.find((row) => row[0] === woman.number)?.[1]).toBe(ru("status.registered_female"));
    expect(exported.find((row) => row[0] === man.number)?.[1]).toBe(ru("status.registered_male"));
    // Two applications filed and decided: twice a single one's time.
  }, 90_000);

  it("is refused on a legal ground with a comment; the applicant learns the ground and how to appeal", async () => {
    const { driver, number, card } = await submitted("en");
    const op = inStaffChat(staff().operators[0]);
    // The card says what the person reads; so does the request for the comment.
    expect(card.text).toContain(ru("staff.card.language", { language: ru("staff.languageName.en") }));
    const refuse = card.reply_markup!.inline_keyboard[1]![1]!.callback_data!;
    await op.pressData(card.message_id, refuse);
    const abandoned = op.lastMessage()!;
    await op.press(ru("staff.button.back"));
    expect(op.messages().map((m) => m.message_id)).not.toContain(abandoned.message_id);

    await op.pressData(card.message_id, refuse);
    // Short labels a phone shows whole; the law's wording is in the question above them.
    const question = op.lastMessage()!;
    expect(question.text).toContain(ru("refusalGround.unreliable_documents"));
    expect(question.text).toContain(ru("refusalGround.non_compliant_information"));
    expect(op.buttons(question).flat()).toEqual([
      ru("staff.ground.unreliable_documents"),
      ru("staff.ground.non_compliant_information"),
      ru("staff.button.back"),
    ]);
    for (const label of op.buttons(question).flat()) expect([...label].length).toBeLessThanOrEqual(30);
    expect(op.buttons(cardNow(card)).flat()).toContain(ru("staff.button.refuse"));
    await op.press(ru("staff.ground.non_compliant_information"));
    expect(op.buttons(question)).toEqual([]);
    const prompt = op.lastMessage()!;
    expect(prompt.text).toContain(number);
    expect(prompt.text).toContain(ru("staff.readsIn.en"));
    await op.send("Сведения об образовании не подтверждены", { replyTo: prompt });

    const en = texts("en");
    await driver.user.waitFor((u) => (u.lastText() ?? "").startsWith(en.start("decision.refused") + number));
    expect(driver.user.lastText()).toContain(en("refusalGround.non_compliant_information"));
    expect(driver.user.lastText()).toContain("Сведения об образовании не подтверждены");
    expect(driver.user.lastText()).toContain("3 months");
    // The complaint the refusal explains is one press away.
    expect(driver.user.buttons()).toEqual([[en("complaint.button")]]);
    await driver.user.press(en("complaint.button"));
    expect(driver.user.messages().at(-2)?.text).toBe(en("complaint.intro"));
    expect(driver.user.lastText()).toBe(en("complaint.subject"));
    expect(driver.user.buttons()).toContainEqual([en("complaint.subjectOf.application", { number })]);
    expect(cardNow(card).text).toContain(ru("refusalGround.non_compliant_information"));
    expect(cardNow(card).reply_markup).toBeUndefined();
  });

  it("takes no comment typed without Reply: the operator is told to reply, once, and the reply then counts", async () => {
    const { driver, number, card } = await submitted();
    const [op, colleague] = staff().operators.map(inStaffChat) as [GroupChatSession, GroupChatSession];
    await op.pressData(card.message_id, card.reply_markup!.inline_keyboard[1]![1]!.callback_data!);
    await op.press(ru("staff.ground.unreliable_documents"));

    // Written with the reply Telegram opened closed: a plain message.
    await op.send("Справка об образовании не подтверждена", { replyTo: null });
    const again = op.lastMessage()!;
    expect(again.text).toBe(ru("staff.reply.viaReply", { name: "Гүлнар Оператор" }));
    const nags = () => op.messages().filter((m) => m.text === again.text).length;
    // Told once; a colleague with no question of theirs is not told anything.
    await op.send("сейчас исправлю", { replyTo: null, expectReply: false });
    await colleague.send("Гүлнар, посмотри заявление", { replyTo: null, expectReply: false });

    await op.send("Справка об образовании не подтверждена", { replyTo: again });
    await driver.user.waitFor((u) => (u.lastText() ?? "").startsWith(ru.start("decision.refused") + number));
    expect(driver.user.lastText()).toContain("Справка об образовании не подтверждена");
    expect(nags()).toBe(1);
    const toColleague = ru("staff.reply.viaReply", { name: "Ержан Оператор" });
    expect(colleague.messages().filter((m) => m.text === toColleague)).toEqual([]);
  });

  it("is decided once when two operators press at the same moment; the other is told who and when", async () => {
    const { card } = await submitted();
    const [first, second] = staff().operators;
    const register = card.reply_markup!.inline_keyboard[1]![0]!.callback_data!;
    await Promise.all([
      inStaffChat(first).pressData(card.message_id, register),
      inStaffChat(second).pressData(card.message_id, register),
    ]);
    const application = await harness.app.database.prisma.application.findFirstOrThrow({
      where: { staffMessageId: card.message_id },
    });
    const decisions = await harness.app.database.prisma.auditEntry.findMany({
      where: { subjectId: application.id, action: "application.register" },
    });
    expect(decisions).toHaveLength(1);
    const loser = decisions[0]!.actorId === BigInt(first.id) ? second : first;
    const answer = inStaffChat(loser).lastCallbackAnswer();
    expect(answer?.show_alert).toBe(true);
    expect(answer?.text).toContain(decisions[0]!.actorName);
  });

  it("cannot be decided by someone who is not an operator, nor by a forged or out-of-place button", async () => {
    const { driver, card } = await submitted();
    const register = card.reply_markup!.inline_keyboard[1]![0]!.callback_data!;
    await inStaffChat(staff().bystander).pressData(card.message_id, register);
    expect(inStaffChat(staff().bystander).lastCallbackAnswer()?.text).toBe(ru("staff.notOperator"));

    await inStaffChat(staff().operators[0]).pressData(card.message_id, "st:r:not-a-uuid");
    expect(inStaffChat(staff().operators[0]).lastCallbackAnswer()?.text).toBe(ru("errors.staleButton"));

    const privateMessage = driver.user.messages().at(-1)!;
    await driver.user.pressData(privateMessage.message_id, register);

    const application = await harness.app.database.prisma.application.findFirstOrThrow({
      where: { staffMessageId: card.message_id },
    });
    expect(application.status).toBe("submitted");
  });
});

describe("talking to a person", () => {
  it("relays the applicant's messages and the operator's replies until the operator closes the thread", async () => {
    const applicant = harness.user("Алия", "kk");
    const kk = texts("kk");
    await applicant.send("/start");
    await applicant.press("Қазақша");
    await applicant.send("/operator");
    expect(applicant.lastText()).toBe(kk("operator.opened"));

    const op = inStaffChat(staff().operators[1]);
    // The name Telegram shows for the person, as initials only.
    const title = ru("staff.thread.title", { person: "А." });
    await op.waitFor((s) => s.messages().some((m) => m.text?.startsWith(title)));
    const threadCard = op
      .messages()
      .filter((m) => m.text?.startsWith(title))
      .at(-1)!;
    expect(op.messages().filter((m) => m.text?.includes("Алия"))).toEqual([]);
    expect(threadCard.text).toContain(ru("staff.thread.language", { language: ru("staff.languageName.kk") }));

    await applicant.send("Өтінішім қашан қаралады?");
    expect(applicant.lastText()).toBe(kk("operator.sent"));
    await op.waitFor((s) => s.messages().some((m) => m.text?.includes("Өтінішім қашан қаралады?")));
    const relayed = op.messages().find((m) => m.text?.includes("Өтінішім қашан қаралады?"))!;

    await op.send("Бүгін 18:30-ға дейін.", { replyTo: relayed });
    await applicant.waitFor((u) => u.lastText() === kk("operator.answer", { text: "Бүгін 18:30-ға дейін." }));

    await applicant.send("Рахмет!");
    await op.waitFor((s) => s.messages().some((m) => m.text?.includes("Рахмет!")));

    await op.pressData(threadCard.message_id, threadCard.reply_markup!.inline_keyboard[0]![0]!.callback_data!);
    await applicant.waitFor((u) => u.lastText() === kk("operator.closed"));
    await applicant.send("тағы бір сұрақ");
    expect(applicant.lastText()).toBe(kk("fallback.notUnderstood"));
  });
});

describe("staff commands", () => {
  it("/queue and /stats with a PNG chart; /find and /export say the desk is not set up, and give no data", async () => {
    const { person, number } = await submitted();
    const op = inStaffChat(staff().operators[0]);

    await op.send("/queue");
    expect(op.lastText()).toContain(ru("staff.queue.title"));
    expect(op.lastText()).toContain(`№ ${number}`);

    await op.send(`/find ${person.iin}`);
    expect(op.lastText()).toBe(ru("staff.desk.notConfigured"));
    await op.send("/export 01.11.2026 30.11.2026");
    expect(op.lastText()).toBe(ru("staff.desk.notConfigured"));
    expect(op.messages().filter((m) => m.document)).toEqual([]);

    await op.send("/stats", { quietMs: 500 });
    const statsText = op
      .messages()
      .filter((m) => m.text?.startsWith(ru("staff.stats.today")))
      .at(-1)!.text!;
    expect(statsText).toMatch(/\d+/);
    const chart = op.fileOf(
      op
        .messages()
        .filter((m) => m.photo)
        .at(-1),
    );
    expect(Buffer.from(chart!.bytes.subarray(0, 8))).toEqual(
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    );
  });

  it("the export the desk downloads is a CSV Excel opens, with the person's data, and is audited", async () => {
    const { person, number } = await submitted();
    const rows = await servicesOf(harness).staffRecords.export(
      "2026-11-01",
      "2026-11-30",
      operator,
      harness.clock.now(),
    );
    const bytes = applicationsExportCsv(translator.t("ru"), rows);
    expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const table = parseCsv(bytes.toString("utf8"));
    expect(table[0]![0]).toBe(ru("staff.export.column.number"));
    expect(table.some((row) => row[0] === number && row.includes(person.iin))).toBe(true);
    const audit = await harness.app.database.prisma.auditEntry.findMany({ where: { action: "staff.export" } });
    expect(audit.map((entry) => entry.actorName)).toContain(operator.name);
  });

  it("/help lists the staff commands, and the chat has its own command menu", async () => {
    const op = inStaffChat(staff().operators[0]);
    await op.send("/help");
    expect(op.lastText()).toBe(ru("staff.help"));
    const menu = harness.emulator
      .callsTo("setMyCommands")
      .find((call) => (call.params.scope as { type?: string } | undefined)?.type === "chat");
    expect((menu?.params.commands as Array<{ command: string }> | undefined)?.map((c) => c.command)).toEqual([
      "queue",
      "find",
      "stats",
      "export",
      "lang",
      "help",
    ]);
  });

  it("/lang switches the staff chat's language", async () => {
    const op = inStaffChat(staff().operators[0]);
    await op.send("/lang en");
    expect(op.lastText()).toBe(texts("en")("staff.lang.set"));
    await op.send("/queue");
    expect(op.lastText()).toContain(texts("en")("staff.queue.title"));
    await op.send("/lang ru");
  });
});

describe("terms", () => {
  it("lists what falls due today and on the next working day each working morning at 09:00, once", async () => {
    harness.clock.setAlmaty("2026-11-27T10:00");
    const { number } = await submitted();
    const op = inStaffChat(staff().operators[0]);
    const digests = () => op.messages().filter((m) => m.text?.startsWith(ru.start("staff.digest.title")));
    const before = digests().length;
    harness.clock.setAlmaty("2026-11-28T09:30"); // Saturday: no digest
    await harness.app.runScheduledWork();
    harness.clock.setAlmaty("2026-11-30T08:59");
    await harness.app.runScheduledWork();
    expect(digests()).toHaveLength(before);
    harness.clock.setAlmaty("2026-11-30T09:00");
    await harness.app.runScheduledWork();
    await harness.app.runScheduledWork();
    await op.waitFor(() => digests().length === before + 1);
    const digest = digests().at(-1)!.text!;
    expect(digest).toContain(ru("staff.digest.title", { today: "30.11.2026" }));
    expect(digest).toContain(`№ ${number}`);
  });

  it("warns the staff chat 2 working hours before the term ends and once more when it has passed, each once", async () => {
    harness.clock.setAlmaty("2026-11-27T10:00");
    const { number } = await submitted();
    const op = inStaffChat(staff().operators[0]);
    const warnings = () =>
      op.messages().filter((m) => m.text?.includes(`№ ${number}`) && m.text.startsWith("⚠️")).length;
    const overdue = () =>
      op.messages().filter((m) => m.text?.includes(`№ ${number}`) && m.text.startsWith("❗")).length;

    // Friday 27.11 10:00 → due Monday 30.11 18:30.
    harness.clock.setAlmaty("2026-11-30T16:29");
    await harness.app.runScheduledWork();
    expect(warnings()).toBe(0);
    harness.clock.setAlmaty("2026-11-30T16:30");
    await harness.app.runScheduledWork();
    await harness.app.runScheduledWork();
    await op.waitFor(() => warnings() === 1);
    harness.clock.setAlmaty("2026-11-30T18:30");
    await harness.app.runScheduledWork();
    await harness.app.runScheduledWork();
    await op.waitFor(() => overdue() === 1);
    expect(warnings()).toBe(1);
  });
});
