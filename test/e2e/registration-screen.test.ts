// What the registration form looks like on the person's screen: the step on
// every question, the languages offered as buttons, and buttons that go once
// their question is answered.
import type { Message } from "@job-seeker/bot-api-emulator";
import { afterEach, describe, expect, it } from "vitest";
import { answerData } from "../../src/bot/callback-data/answer.ts";
import { limits } from "../../src/domain/application.ts";
import { type Harness, startHarness } from "../support/app-harness.ts";
import { aigerim, RegistrationDriver } from "../support/registration-driver.ts";

let harness: Harness;

afterEach(async () => {
  await harness.close();
});

describe("the step of the form (Kazakh)", () => {
  it("is named on every question of every section, not only on the first", async () => {
    harness = await startHarness();
    const driver = new RegistrationDriver(harness.user("Айгерім", "kk"), "kk");
    const { user, tx } = driver;
    const asked = (step: number, key: string, values?: Record<string, string | number>) =>
      expect(user.lastText()).toBe(tx.atStep(step, key, values));

    await driver.chooseLanguage();
    await driver.begin();
    asked(1, "registration.phone.ask");
    await driver.phone(aigerim);
    asked(2, "registration.iin.ask");
    await driver.iin(aigerim);
    asked(3, "registration.fullName.surname");
    await user.send(aigerim.surname);
    asked(3, "registration.fullName.givenName");
    await user.send(aigerim.givenName);
    asked(3, "registration.fullName.patronymic");
    await user.send(aigerim.patronymic!);

    asked(4, "registration.experience.ask");
    await user.press(tx("registration.experience.add"));
    asked(4, "registration.experience.employer");
    await user.send("«Жарық» ЖШС");
    asked(4, "registration.experience.position");
    await user.send("Бухгалтер");
    asked(4, "registration.experience.start");
    await user.send("09.2015");
    asked(4, "registration.experience.end");
    await user.press(tx("registration.experience.untilNow"));
    asked(4, "registration.experience.added", { count: 1 });
    await user.press(tx("registration.common.done"));

    asked(5, "registration.education.ask");
    await user.press(tx("registration.education.add"));
    asked(5, "registration.education.level");
    await user.press(tx("education.higher"));
    asked(5, "registration.education.institution");
    await user.send("әл-Фараби атындағы ҚазҰУ");
    asked(5, "registration.education.speciality");
    await user.send("Есеп және аудит");
    asked(5, "registration.education.year");
    await user.send("2014");
    asked(5, "registration.education.added", { count: 1 });
    await user.press(tx("registration.common.done"));

    asked(6, "registration.skills.personal", { max: limits.skills });
    await user.send("1С, Excel");
    asked(6, "registration.skills.languagesAsk");
    await user.press(tx("registration.skills.addLanguage"));
    asked(6, "registration.skills.language");
    await user.send("орыс тілі");
    asked(6, "registration.skills.level", { language: "орыс тілі" });
    await user.press(tx("languageLevel.advanced"));
    asked(6, "registration.skills.languageAdded", { count: 1 });
    await user.press(tx("registration.common.done"));

    asked(7, "registration.preferences.hours");
    await user.press(tx("workingHours.full_time"));
    await user.press(tx("registration.common.done"));
    asked(7, "registration.preferences.position");
    await user.send("Бухгалтер");
    asked(7, "registration.preferences.salary");
    await user.send("350 мың");

    expect(user.lastText()).toMatch(new RegExp(`^${escapeRegExp(tx.atStep(8, "registration.summary.title"))}\n`));
    await user.press(tx("registration.summary.submit"));
    asked(9, "registration.consent.text");
    await user.press(tx("registration.consent.agree"));
    asked(9, "registration.otp.ask.sign_application", { phone: "+7 701 123 45 67", length: 6 });
  });

  it("stays on a question asked again after a wrong answer", async () => {
    harness = await startHarness();
    const driver = new RegistrationDriver(harness.user("Ерлан", "kk"), "kk");
    const { user, tx } = driver;
    await driver.chooseLanguage();
    await driver.begin();
    await driver.phone(aigerim);
    await driver.iin(aigerim);
    await user.send(aigerim.surname);
    await user.send("Ерлан2");
    expect(user.lastText()).toBe(
      `${tx("registration.errors.nameLetters")}\n\n${tx.atStep(3, "registration.fullName.givenName")}`,
    );
  });
});

describe("the languages a person speaks (Russian)", () => {
  it("are offered as buttons, Kazakh, Russian and English, and another language is asked to be typed", async () => {
    harness = await startHarness();
    const driver = new RegistrationDriver(harness.user("Мария", "ru"), "ru");
    const { user, tx } = driver;
    await upToLanguages(driver);

    await user.press(tx("registration.skills.addLanguage"));
    expect(user.buttons()).toEqual([
      [
        tx("registration.skills.languageButton.kk"),
        tx("registration.skills.languageButton.ru"),
        tx("registration.skills.languageButton.en"),
      ],
      [tx("registration.skills.languageButton.other")],
    ]);
    expect(user.buttons().flat()).toEqual(["Казахский", "Русский", "Английский", "Другой язык"]);
    await user.press("Казахский");
    expect(user.lastText()).toBe(tx.atStep(6, "registration.skills.level", { language: "казахский" }));
    await user.press(tx("languageLevel.native"));
    await user.press(tx("registration.common.addAnother"));
    await user.press("Другой язык");
    expect(user.lastText()).toBe(tx.atStep(6, "registration.skills.otherLanguage"));
    expect(user.buttons()).toEqual([]);
    await user.send("немецкий");
    expect(user.lastText()).toBe(tx.atStep(6, "registration.skills.level", { language: "немецкий" }));
    await user.press(tx("languageLevel.basic"));
    await user.press(tx("registration.common.done"));
    await driver.preferences(aigerim);

    expect(user.lastText()).toContain(
      `${tx("registration.summary.languageSkills")}: казахский (Родной), немецкий (Начальный)`,
    );
  });

  it("still takes a language typed instead of a button pressed", async () => {
    harness = await startHarness();
    const driver = new RegistrationDriver(harness.user("Ержан", "ru"), "ru");
    const { user, tx } = driver;
    await upToLanguages(driver);

    await user.press(tx("registration.skills.addLanguage"));
    await user.send("турецкий");
    expect(user.lastText()).toBe(tx.atStep(6, "registration.skills.level", { language: "турецкий" }));
    await user.press(tx("languageLevel.intermediate"));
    await user.press(tx("registration.common.done"));
    await driver.preferences(aigerim);

    expect(user.lastText()).toContain(`${tx("registration.summary.languageSkills")}: турецкий (Средний)`);
  });
});

describe("an answered question", () => {
  it("loses its buttons once the next question is on screen, and a copy asked again loses them too", async () => {
    harness = await startHarness();
    const driver = new RegistrationDriver(harness.user("Дана", "ru"), "ru");
    const { user, tx } = driver;
    await driver.chooseLanguage();
    await driver.begin();
    await driver.phone(aigerim);
    await driver.iin(aigerim);
    await user.send(aigerim.surname);
    await user.send(aigerim.givenName);
    const patronymic = user.lastMessage()!;
    expect(user.buttons(patronymic)).toEqual([[tx("registration.fullName.noPatronymic")]]);

    await user.press(tx("registration.fullName.noPatronymic"));
    const experience = user.lastMessage()!;
    await user.waitFor((u) => u.buttons(patronymic).length === 0);

    // A sticker is no answer: the question comes again, and only the new copy keeps the buttons.
    await user.sendSticker();
    const again = user.lastMessage()!;
    expect(again.message_id).not.toBe(experience.message_id);
    await user.waitFor((u) => u.buttons(experience).length === 0);
    expect(user.buttons(again)).toEqual([[tx("registration.experience.add")], [tx("registration.experience.none")]]);

    await user.press(tx("registration.experience.none"));
    await user.waitFor((u) => u.buttons(again).length === 0);
    expect(buttonedMessages(driver)).toEqual([user.lastMessage()!.message_id]);
  });

  it("loses them once the form is left with /cancel", async () => {
    harness = await startHarness();
    const driver = new RegistrationDriver(harness.user("Асқар", "ru"), "ru");
    const { user } = driver;
    await driver.chooseLanguage();
    await driver.begin();
    await driver.phone(aigerim);
    await driver.iin(aigerim);
    await driver.fullName({ ...aigerim, patronymic: undefined });
    const experience = user.lastMessage()!;

    await user.send("/cancel");
    await user.waitFor((u) => u.buttons(experience).length === 0);
  });

  it("keeps its buttons, and costs no answer, when Telegram refuses the edit; the edit is tried once", async () => {
    const logs: string[] = [];
    harness = await startHarness({ logs });
    const driver = new RegistrationDriver(harness.user("Айгерім", "ru"), "ru");
    const { user, tx } = driver;
    await driver.chooseLanguage();
    await driver.begin();
    await driver.phone(aigerim);
    await driver.iin(aigerim);
    await user.send(aigerim.surname);
    await user.send(aigerim.givenName);
    const patronymic = user.lastMessage()!;

    harness.emulator.failNext("editMessageReplyMarkup", { errorCode: 429, retryAfter: 1 });
    await user.press(tx("registration.fullName.noPatronymic"));
    expect(user.lastText()).toBe(tx.atStep(4, "registration.experience.ask"));
    await harness.emulator.waitFor(() => edits(patronymic).length > 0);
    // Past the retry_after: a retried edit would have come by now.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(edits(patronymic).map((call) => call.status)).toEqual([429]);
    expect(user.buttons(patronymic)).toEqual([[tx("registration.fullName.noPatronymic")]]);

    // The form goes on as if nothing happened.
    await user.press(tx("registration.experience.none"));
    expect(user.lastText()).toBe(tx.atStep(5, "registration.education.ask"));
    const kept = logs.filter((line) => line.includes("an answered question kept its buttons"));
    expect(kept).toHaveLength(1);
    expect(JSON.parse(kept[0]!)).toMatchObject({ level: 20 });
    for (const personal of [aigerim.surname, aigerim.givenName, aigerim.iin, String(user.id)])
      expect(kept[0]).not.toContain(personal);
  });
});

describe("the working-hours toggles", () => {
  it("tick the copy of the question on screen, also when the press came from an older copy", async () => {
    harness = await startHarness();
    const driver = new RegistrationDriver(harness.user("Мирас", "ru"), "ru");
    const { user, tx } = driver;
    await upToLanguages(driver);
    await user.press(tx("registration.common.skip"));
    const first = user.lastMessage()!;
    expect(first.text).toBe(tx.atStep(7, "registration.preferences.hours"));

    // A sticker is no answer: the question comes again. Telegram refuses to
    // take the buttons off the first copy, so both copies have them.
    harness.emulator.failNext("editMessageReplyMarkup", { errorCode: 400, description: "Bad Request: try later" });
    await user.sendSticker();
    const again = user.lastMessage()!;
    await harness.emulator.waitFor(() => edits(first).length > 0);
    expect(user.buttons(first)).toEqual(user.buttons(again));

    const fullTime = tx("workingHours.full_time");
    await user.pressData(first.message_id, answerData.encode("hours", "full_time"));
    await user.waitFor((u) => u.buttons(again)[0]?.[0] === `✅ ${fullTime}`);
    await user.waitFor((u) => u.buttons(first).length === 0);

    // Unticked on the copy on screen: the press changes what the person sees.
    await user.press(`✅ ${fullTime}`);
    await user.waitFor((u) => u.buttons(again)[0]?.[0] === fullTime);
  });
});

/** Answers the form up to the question whether to list languages. */
async function upToLanguages(driver: RegistrationDriver): Promise<void> {
  const { user, tx } = driver;
  await driver.chooseLanguage();
  await driver.begin();
  await driver.phone(aigerim);
  await driver.iin(aigerim);
  await driver.fullName(aigerim);
  await user.press(tx("registration.experience.none"));
  await user.press(tx("registration.education.none"));
  await user.send("1С, Excel");
}

function edits(message: Message) {
  return harness.emulator
    .callsTo("editMessageReplyMarkup")
    .filter((call) => call.params.message_id === message.message_id);
}

/** The form's messages that still show buttons (the language choice and the welcome are not the form's). */
function buttonedMessages(driver: RegistrationDriver): number[] {
  const firstQuestion = driver.user.messages().findIndex((m) => m.text?.includes(driver.tx("registration.phone.ask")));
  return driver.user
    .messages()
    .slice(firstQuestion)
    .filter((m) => driver.user.buttons(m).length > 0)
    .map((m) => m.message_id);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
