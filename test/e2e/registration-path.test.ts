// The applicant's whole path, as a person would walk it, in each language.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { languages } from "../../src/domain/language.ts";
import { type Harness, startHarness } from "../support/app-harness.ts";
import { aigerim, type Person, RegistrationDriver } from "../support/registration-driver.ts";

let harness: Harness;

beforeEach(async () => {
  harness = await startHarness();
});

afterEach(async () => {
  await harness.close();
});

describe.each(languages)("in %s", (language) => {
  it("files an application through every step and shows it in /status and /history", async () => {
    const driver = new RegistrationDriver(harness.user("Айгерім", language), language);
    const { user, tx } = driver;
    await driver.fillUpToSummary();

    const summary = user.lastText()!;
    for (const expected of [
      "+7 701 123 45 67",
      aigerim.iin,
      "Сейітқали Айгерім Ерланқызы",
      "ТОО «Жарық»",
      "КазНУ им. аль-Фараби",
      "1С, Excel",
      "English",
      "450 000 ₸",
    ]) {
      expect(summary).toContain(expected);
    }
    expect(summary).toContain(tx("education.higher"));
    expect(summary).toContain(tx("workingHours.remote"));

    await driver.confirmAndConsent();
    expect(user.lastText()).toBe(
      tx.atStep(9, "registration.otp.ask.sign_application", { phone: "+7 701 123 45 67", length: 6 }),
    );
    expect(harness.sms.sent).toHaveLength(1);
    expect(harness.sms.sent[0]!.phone).toBe("+77011234567");
    expect(harness.sms.sent[0]!.text).toBe(
      tx("registration.otp.sms.sign_application", { code: harness.sms.lastCode(), minutes: 5 }),
    );

    await driver.sign(harness.sms);
    // Friday 27.11.2026 10:00 in Almaty; 1 working day → Monday 30.11.2026.
    const receipt = user.lastText()!;
    expect(receipt).toBe(
      tx("registration.receipt", { number: "2026-000001", receivedAt: "27.11.2026 10:00", dueDate: "30.11.2026" }),
    );
    expect(receipt).toMatch(/№ 2026-000001/);
    // What comes next: the term, no visit, the profile on enbek.kz, whom to ask.
    for (const said of ["1414", "enbek.kz", "/operator", "/status"]) expect(receipt).toContain(said);

    await user.send("/status");
    expect(user.lastText()).toContain(
      tx("status.line", {
        number: "2026-000001",
        status: tx("status.submitted"),
        receivedAt: "27.11.2026 10:00",
        dueDate: "30.11.2026",
      }),
    );

    await user.send("/history");
    const history = user.lastText()!;
    expect(history).toContain(
      tx("history.application", { at: "27.11.2026 10:00", number: "2026-000001", status: tx("status.submitted") }),
    );
    expect(history).toContain(tx("history.kind.application_received"));
  });
});

describe("the form", () => {
  it("continues at the same step after a restart, in the middle of a section and between sections", async () => {
    const driver = new RegistrationDriver(harness.user("Ерлан"), "ru");
    const { user, tx } = driver;
    await driver.chooseLanguage();
    await driver.begin();
    await driver.phone(aigerim);
    await driver.iin(aigerim);
    await user.send("Сейітқали");
    expect(user.lastText()).toBe(tx.atStep(3, "registration.fullName.givenName"));

    await harness.restart();
    await user.send("Айгерім");
    expect(user.lastText()).toBe(tx.atStep(3, "registration.fullName.patronymic"));
    await user.press(tx("registration.fullName.noPatronymic"));
    expect(user.lastText()).toBe(tx.atStep(4, "registration.experience.ask"));

    await harness.restart();
    await user.press(tx("registration.experience.none"));
    expect(user.lastText()).toBe(tx.atStep(5, "registration.education.ask"));
    await user.press(tx("registration.education.none"));
    await user.press(tx("registration.common.skip"));
    await user.press(tx("registration.common.skip"));
    await driver.preferences(aigerim);
    expect(user.lastText()).toContain("ФИО: Сейітқали Айгерім\n");
  });

  it("keeps two people's answers apart when they write at the same time", async () => {
    const first = new RegistrationDriver(harness.user("Асқар", "kk"), "kk");
    const second = new RegistrationDriver(harness.user("Мария", "ru"), "ru");
    const asqar: Person = {
      phone: "+77021112233",
      iin: "770707300012",
      surname: "Жұмабаев",
      givenName: "Асқар",
      position: "Жүргізуші",
    };
    const maria: Person = {
      phone: "+77051234567",
      iin: "920220450010",
      surname: "Иванова",
      givenName: "Мария",
      position: "Менеджер",
    };
    await Promise.all([first.fillUpToSummary(asqar), second.fillUpToSummary(maria)]);

    expect(first.user.lastText()).toContain("Жұмабаев Асқар");
    expect(first.user.lastText()).toContain("Жүргізуші");
    expect(first.user.lastText()).not.toContain("Иванова");
    expect(second.user.lastText()).toContain("Иванова Мария");
    expect(second.user.lastText()).not.toContain("Жұмабаев");

    await Promise.all([first.confirmAndConsent(), second.confirmAndConsent()]);
    const codes = new Map(harness.sms.sent.map((sms) => [sms.phone, /\d{6}/.exec(sms.text)![0]]));
    await Promise.all([first.user.send(codes.get(asqar.phone)!), second.user.send(codes.get(maria.phone)!)]);
    expect(first.user.lastText()).toContain("№ 2026-00000");
    expect(second.user.lastText()).toContain("№ 2026-00000");
    expect(first.user.lastText()).not.toBe(second.user.lastText());
  });

  it("lets a section be changed from the summary", async () => {
    const driver = new RegistrationDriver(harness.user("Дана"), "en");
    await driver.fillUpToSummary();
    await driver.user.press(driver.tx("registration.summary.edit.full_name"));
    expect(driver.user.lastText()).toBe(driver.tx.atStep(3, "registration.fullName.surname"));
    await driver.user.send("Smith");
    await driver.user.send("Dana");
    await driver.user.press(driver.tx("registration.fullName.noPatronymic"));
    const summary = driver.user.lastText()!;
    expect(summary).toContain(driver.tx("registration.summary.title"));
    expect(summary).toContain("Smith Dana\n");
    expect(summary).toContain("ТОО «Жарық»");
  });

  it("changes a list from the summary one entry at a time: what was there is shown, and kept unless changed", async () => {
    const driver = new RegistrationDriver(harness.user("Жанар"), "ru");
    const { user, tx } = driver;
    await driver.fillUpToSummary();
    // Older lists show the same labels: press the one on screen now.
    const press = async (label: string) => {
      const shows = (m: { reply_markup?: { inline_keyboard: Array<Array<{ text: string }>> } }) =>
        m.reply_markup?.inline_keyboard.flat().some((b) => b.text === label) ?? false;
      const message = user.messages().findLast(shows)!;
      const button = message.reply_markup!.inline_keyboard.flat().find((b) => b.text === label)!;
      await user.pressData(message.message_id, button.callback_data!);
    };
    const job = "Бухгалтер, ТОО «Жарық» (09.2015 – по настоящее время)".replace(
      "по настоящее время",
      tx("registration.experience.untilNow"),
    );

    await user.press(tx("registration.summary.edit.experience"));
    expect(user.lastText()).toBe(tx.atStep(4, "registration.common.listNow", { entries: `1. ${job}` }));
    await press(tx("registration.common.addAnother"));
    await user.send("АО «Самұрық»");
    await user.send("Экономист");
    await user.send("01.2010");
    await user.send("08.2015");
    const second = "Экономист, АО «Самұрық» (01.2010 – 08.2015)";
    expect(user.lastText()).toBe(tx.atStep(4, "registration.common.listNow", { entries: `1. ${job}\n2. ${second}` }));
    await press(tx("registration.common.removeEntry", { n: 1 }));
    expect(user.lastText()).toBe(tx.atStep(4, "registration.common.listNow", { entries: `1. ${second}` }));
    await press(tx("registration.common.keepList"));
    expect(user.lastText()).toContain(tx("registration.summary.title"));
    expect(user.lastText()).toContain(second);
    expect(user.lastText()).not.toContain("ТОО «Жарық»");

    // Languages, inside the skills section: the personal skills are asked, then the list is shown.
    await user.press(tx("registration.summary.edit.skills"));
    await user.send("1С, Excel, Word");
    expect(user.lastText()).toBe(
      tx.atStep(6, "registration.common.listNow", { entries: `1. English (${tx("languageLevel.intermediate")})` }),
    );
    await press(tx("registration.common.changeEntry", { n: 1 }));
    await user.send("Deutsch");
    await user.press(tx("languageLevel.basic"));
    await press(tx("registration.common.keepList"));
    expect(user.lastText()).toContain(`Deutsch (${tx("languageLevel.basic")})`);
    expect(user.lastText()).not.toContain("English");
  });

  it("leaves the form with /cancel and continues where it stopped", async () => {
    const driver = new RegistrationDriver(harness.user("Нұрлан"), "kk");
    const { user, tx } = driver;
    await driver.chooseLanguage();
    await driver.begin();
    await driver.phone(aigerim);
    await user.send("/cancel");
    expect(user.buttons()).toEqual([[tx("registration.continue")]]);
    expect(user.replyKeyboard()).toBeNull();
    await user.send("900101300017");
    expect(user.lastText()).toBe(tx("fallback.notUnderstood"));

    await user.press(tx("registration.continue"));
    expect(user.lastText()).toBe(tx.atStep(2, "registration.iin.ask"));
    await driver.iin(aigerim);
    expect(user.lastText()).toBe(tx.atStep(3, "registration.fullName.surname"));
  });

  it("deletes every answer when consent is declined, after a confirmation", async () => {
    const driver = new RegistrationDriver(harness.user("Бақыт"), "ru");
    await driver.fillUpToSummary();
    await driver.user.press(driver.tx("registration.summary.submit"));
    // One tap deletes nothing: the person is told what goes and may go back.
    await driver.user.press(driver.tx("registration.consent.decline"));
    expect(driver.user.lastText()).toBe(driver.tx.atStep(9, "registration.consent.confirmDecline"));
    await driver.user.press(driver.tx("registration.consent.back"));
    expect(driver.user.lastText()).toBe(driver.tx.atStep(9, "registration.consent.text"));
    expect(await harness.app.database.prisma.application.count()).toBe(1);

    await driver.user.press(driver.tx("registration.consent.decline"));
    await driver.user.press(driver.tx("registration.consent.deleteAnswers"));
    expect(driver.user.lastText()).toBe(driver.tx("registration.consent.declined"));

    const prisma = harness.app.database.prisma;
    expect(await prisma.application.count()).toBe(0);
    expect(await prisma.applicant.count({ where: { OR: [{ iin: { not: null } }, { phone: { not: null } }] } })).toBe(0);
    expect(harness.sms.sent).toHaveLength(0);
  });

  it("shows the same account its application instead of a new form", async () => {
    const driver = new RegistrationDriver(harness.user("Айгерім"), "ru");
    await driver.fillUpToSummary();
    await driver.confirmAndConsent();
    await driver.sign(harness.sms);

    // Known account: told at once, before the phone and the IIN are asked.
    await driver.user.send("/start");
    await driver.begin();
    expect(driver.user.lastText()).toBe(
      driver.tx("registration.iin.ownActive", {
        number: "2026-000001",
        status: driver.tx("status.submitted"),
        dueDate: "30.11.2026",
      }),
    );
  });
});

describe.runIf(process.env.TEST_DATABASE_URL)("on PostgreSQL", () => {
  it("files an application and resumes after a restart", async () => {
    const { temporaryPostgres } = await import("../support/databases.ts");
    const database = await temporaryPostgres(process.env.TEST_DATABASE_URL!);
    const onPostgres = await startHarness({ databaseUrl: (database.settings as { url: string }).url });
    try {
      expect(onPostgres.app.database.kind).toBe("postgres");
      const driver = new RegistrationDriver(onPostgres.user("Айгерім"), "kk");
      await driver.chooseLanguage();
      await driver.begin();
      await driver.phone(aigerim);
      await driver.iin(aigerim);
      await driver.user.send(aigerim.surname);
      await onPostgres.restart();
      await driver.user.send(aigerim.givenName);
      await driver.user.send(aigerim.patronymic!);
      await driver.experience();
      await driver.education();
      await driver.skills();
      await driver.preferences(aigerim);
      await driver.confirmAndConsent();
      await driver.user.send(onPostgres.sms.lastCode());
      expect(driver.user.lastText()).toBe(
        driver.tx("registration.receipt", {
          number: "2026-000001",
          receivedAt: "27.11.2026 10:00",
          dueDate: "30.11.2026",
        }),
      );
    } finally {
      await onPostgres.close();
      await database.drop();
    }
  });
});

describe("changing the language in the middle of the form", () => {
  it("asks the current section again in the new language, keeping what was saved", async () => {
    const driver = new RegistrationDriver(harness.user("Асель"), "ru");
    await driver.chooseLanguage();
    await driver.begin();
    await driver.phone(aigerim);
    await driver.user.send("/language");
    await driver.user.press("English");
    const en = new RegistrationDriver(driver.user, "en").tx;
    expect(driver.user.lastText()).toBe(en.atStep(2, "registration.iin.ask"));
    await driver.user.send(aigerim.iin);
    expect(driver.user.lastText()).toBe(en.atStep(3, "registration.fullName.surname"));
    const draft = await harness.app.database.prisma.application.findFirstOrThrow({ where: { status: "draft" } });
    expect(harness.app.database.cipher.openJson("application.form", draft.form)).toMatchObject({
      phone: aigerim.phone,
      iin: aigerim.iin,
    });
  });
});
