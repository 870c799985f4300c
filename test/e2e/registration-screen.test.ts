// What the registration form looks like on the person's screen: the step on
// every question, the languages offered as buttons.
import { afterEach, describe, expect, it } from "vitest";
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

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
