// The citizen's form as a Mini App, in a real browser (Debian's chromium), in
// each language: a person begins in the chat (phone and IIN, checked in the
// citizens' mobile database), fills every section on the page served by the
// app itself with Telegram's launch data in the hash, goes back to the chat,
// changes the name there, sees that change in the form, and signs in the chat.
// Also: "none" for the lists, the page without a draft, forged and expired
// launch data. One app and one browser for the whole file.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readLocale } from "../../src/bot/i18n.ts";
import { type Language, languages } from "../../src/domain/language.ts";
import { standInMobileRegistry } from "../../src/services/mobile-registry.ts";
import { type Harness, startHarness } from "../support/app-harness.ts";
import { initDataFor, launchBrowser, miniAppUrl, phonePage, screenshotPath } from "../support/browser.ts";
import { flattenLocale } from "../support/flat-locale.ts";
import { validIin } from "../support/iins.ts";
import { type Person, RegistrationDriver } from "../support/registration-driver.ts";
import { type Texts, texts } from "../support/texts.ts";

const FORM_BASE = "https://jobs.example.kz";

let browser: Browser;
let harness: Harness;
/** Every pair asked of the citizens' mobile database (a stand-in that registers every pair). */
const registryChecks: Array<{ iin: string; phone: string }> = [];

beforeAll(async () => {
  [browser, harness] = await Promise.all([
    launchBrowser(),
    startHarness({
      miniAppUrl: FORM_BASE,
      overrides: { registry: standInMobileRegistry((iin, phone) => registryChecks.push({ iin, phone })) },
    }),
  ]);
});
afterAll(async () => {
  await Promise.all([browser?.close(), harness?.close()]);
});

/** A person of their own for each test: the form allows one application per IIN. */
let people = 0;
function newPerson(names: Pick<Person, "surname" | "givenName" | "patronymic">): Person {
  people += 1;
  return {
    ...names,
    phone: `+770112345${String(people).padStart(2, "0")}`,
    iin: validIin(people),
    position: "Бухгалтер",
  };
}

const names: Record<Language, Pick<Person, "surname" | "givenName" | "patronymic"> & { newSurname: string }> = {
  kk: { surname: "Сейітқали", givenName: "Айгерім", patronymic: "Ерланқызы", newSurname: "Жұмабаева" },
  ru: { surname: "Иванов", givenName: "Дмитрий", patronymic: "Сергеевич", newSurname: "Петров" },
  en: { surname: "Smith", givenName: "John", newSurname: "Brown" },
};

/** In the chat: the language, "Fill in the application", the phone and the IIN. The form is at the full name. */
async function beginInTheChat(language: Language, person: Person): Promise<RegistrationDriver> {
  const driver = new RegistrationDriver(harness.user(person.givenName, language), language);
  await driver.chooseLanguage();
  await driver.begin();
  await driver.phone(person);
  await driver.iin(person);
  return driver;
}

/** The form's page as Telegram opens it for this person now. */
async function openForm(driver: RegistrationDriver, at = harness.clock.now()): Promise<Page> {
  const { user } = driver.user;
  const initData = initDataFor({ id: user.id, first_name: user.first_name, language_code: driver.language }, at);
  const page = await phonePage(browser);
  await page.goto(miniAppUrl(harness, "form", initData));
  await page.getByRole("heading", { name: driver.tx("miniApp.form.title") }).waitFor();
  return page;
}

/** The n-th field with this label (lists repeat their labels once per entry). */
const field = (page: Page, label: string, n = 0) => page.getByLabel(label, { exact: true }).nth(n);

/** A working-hours toggle by its text (a pressed one shows a check mark before it, from the style sheet). */
const toggle = (page: Page, label: string) =>
  page
    .locator(".toggles button")
    .filter({ hasText: new RegExp(`^(✓ )?${label.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`) });

/** The summary, as the chat shows it at its step ("Step 8 of 9. Please check your application: …"). */
const isSummary = (text: string | undefined, tx: Texts): boolean =>
  text?.startsWith(tx.atStep(8, "registration.summary.title")) ?? false;

async function saveAndWaitForChat(page: Page, driver: RegistrationDriver): Promise<void> {
  const before = driver.user.messages().length;
  await page.getByRole("button", { name: driver.tx("miniApp.form.save") }).click();
  await page.getByText(driver.tx("miniApp.form.saved")).waitFor();
  await driver.user.waitFor((u) => u.messages().length > before);
  expect(driver.user.lastText()).toBe(driver.tx("miniApp.savedInChat"));
}

// ── what the page may show ────────────────────────────────────────────────────

/** The texts the form's page shows (its own, and the chat's names of sections and choices). */
const pageTexts =
  /^(miniApp\.(form|errors)\.|registration\.(summary\.|begin$)|workingHours\.|education\.|languageLevel\.)/;
const rawKey = /\b(miniApp|registration|workingHours|education|languageLevel)\.[a-zA-Z]/;

/** Pieces (between placeholders) of the page's texts in the other languages that this language does not share. */
function foreignPieces(language: Language): string[] {
  const own = new Set(flattenLocale(readLocale(language)).values());
  return languages
    .filter((other) => other !== language)
    .flatMap((other) => [...flattenLocale(readLocale(other))])
    .filter(([key, text]) => pageTexts.test(key) && !own.has(text))
    .flatMap(([, text]) => text.split(/\{\{\s*\w+\s*\}\}/).map((piece) => piece.trim()))
    .filter((piece) => piece.length >= 5);
}

async function expectOnlyItsLanguage(page: Page, language: Language): Promise<void> {
  const shown = `${await page.title()}\n${await page.locator("body").textContent()}`;
  expect(shown).not.toMatch(rawKey);
  expect(await page.locator("html").getAttribute("lang")).toBe(language);
  const foreign = foreignPieces(language).filter((piece) => shown.includes(piece));
  expect(foreign, `texts of another language on the ${language} page`).toEqual([]);
}

// ── the whole path ────────────────────────────────────────────────────────────

/** Fills every section on the page; entries are added, one of each list removed, a bad date refused. */
async function fillEverySection(page: Page, tx: Texts, person: Person): Promise<void> {
  await field(page, tx("miniApp.form.surname")).fill(person.surname);
  await field(page, tx("miniApp.form.givenName")).fill(person.givenName);
  await field(page, tx("miniApp.form.patronymic")).fill(person.patronymic ?? "");

  const addJob = page.getByRole("button", { name: tx("miniApp.form.addJob") });
  await addJob.click();
  // The new entry's first field has the focus: a keyboard user types on.
  await page.keyboard.type("ТОО «Алтын»");
  await field(page, tx("miniApp.form.position")).fill("Кассир");
  await field(page, tx("miniApp.form.start")).fill("2010-03");
  await field(page, tx("miniApp.form.end")).fill("2009-01");
  await addJob.click();
  await page.keyboard.type("ИП «Уақытша»");
  await field(page, tx("miniApp.form.position"), 1).fill("Курьер");
  await field(page, tx("miniApp.form.start"), 1).fill("2012-09");
  await field(page, tx("miniApp.form.end"), 1).fill("2013-01");
  await addJob.click();
  await page.keyboard.type("ТОО «Жарық»");
  await field(page, tx("miniApp.form.position"), 2).fill(person.position);
  await field(page, tx("miniApp.form.start"), 2).fill("2015-09");
  // A click, not check(): ticking it draws the form again (the end month is switched off).
  await field(page, tx("miniApp.form.present"), 2).click();
  await expect.poll(() => field(page, tx("miniApp.form.end"), 2).isDisabled()).toBe(true);
  // The second job was a mistake.
  await page
    .locator("#section-experience .entry")
    .nth(1)
    .getByRole("button", { name: tx("miniApp.form.remove") })
    .click();
  expect(await page.locator("#section-experience .entry").count()).toBe(2);
  expect(await field(page, tx("miniApp.form.employer"), 1).inputValue()).toBe("ТОО «Жарық»");

  await page.getByRole("button", { name: tx("miniApp.form.addSchool") }).click();
  await field(page, tx("miniApp.form.level")).selectOption("higher");
  await field(page, tx("miniApp.form.institution")).fill("КазНУ им. аль-Фараби");
  await field(page, tx("miniApp.form.speciality")).fill("Учёт и аудит");
  await field(page, tx("miniApp.form.graduationYear")).fill("2014");

  await field(page, tx("miniApp.form.personalSkills")).fill("1С, Excel");
  const addLanguage = page.getByRole("button", { name: tx("miniApp.form.addLanguage") });
  for (const [n, [language, level]] of (
    [
      ["kk", "native"],
      ["ru", "advanced"],
      ["en", "intermediate"],
    ] as const
  ).entries()) {
    await addLanguage.click();
    await field(page, tx("miniApp.form.language"), n).fill(tx(`registration.skills.languageName.${language}`));
    await field(page, tx("miniApp.form.languageLevel"), n).selectOption(level);
  }
  await page
    .locator("#section-languageSkills .entry")
    .nth(1)
    .getByRole("button", { name: tx("miniApp.form.remove") })
    .click();
  expect(await page.locator("#section-languageSkills .entry").count()).toBe(2);

  for (const option of ["full_time", "shifts", "remote", "shifts"]) {
    await toggle(page, tx(`workingHours.${option}`)).click();
  }
  for (const [option, pressed] of [
    ["full_time", "true"],
    ["shifts", "false"],
    ["remote", "true"],
    ["part_time", "false"],
  ]) {
    expect(await toggle(page, tx(`workingHours.${option}`)).getAttribute("aria-pressed")).toBe(pressed);
  }
  await field(page, tx("registration.summary.desiredPosition")).fill(person.position);
  await field(page, tx("miniApp.form.salary")).fill("450 000");
}

describe.each(languages)("the form in %s", (language) => {
  it("is filled in the web, changed in the chat, seen again in the web, and signed in the chat", async () => {
    const h = harness;
    const { newSurname, ...personNames } = names[language];
    const person = newPerson(personNames);
    const driver = await beginInTheChat(language, person);
    const tx = driver.tx;
    // The phone and the IIN were checked as a pair before anything else was asked.
    expect(registryChecks).toContainEqual({ iin: person.iin, phone: person.phone });

    const page = await openForm(driver);
    await expect.poll(() => page.locator("main").textContent()).toContain(person.iin);
    expect(await page.locator("main").textContent()).toContain(person.phone);
    await fillEverySection(page, tx, person);
    await expectOnlyItsLanguage(page, language);
    await page.screenshot({ path: screenshotPath(`form-filled-${language}-390x844`), fullPage: true });

    // The first job ends before it starts: refused as the chat would, beside the field, in the person's language.
    await page.getByRole("button", { name: tx("miniApp.form.save") }).click();
    const endField = field(page, tx("miniApp.form.end"));
    await expect.poll(() => endField.getAttribute("aria-invalid")).toBe("true");
    const describedBy = await endField.getAttribute("aria-describedby");
    expect(await page.locator(`#${describedBy}`).textContent()).toBe(tx("miniApp.errors.endBeforeStart"));
    expect(await page.getByRole("alert").textContent()).toContain(tx("miniApp.form.fixErrors"));
    await expectOnlyItsLanguage(page, language);
    await endField.fill("2012-08");
    await saveAndWaitForChat(page, driver);
    await expectOnlyItsLanguage(page, language);
    await page.close();

    // Every section is answered: "Continue" shows the application to check, as the web filled it.
    await driver.user.press(tx("registration.continue"));
    await driver.user.waitFor((u) => isSummary(u.lastText(), tx));
    const summary = driver.user.lastText()!;
    const languageName = (code: string) => tx(`registration.skills.languageName.${code}`);
    for (const expected of [
      [person.surname, person.givenName, person.patronymic].filter(Boolean).join(" "),
      "Кассир, ТОО «Алтын» (03.2010 – 08.2012)",
      `${person.position}, ТОО «Жарық» (09.2015 – ${tx("registration.experience.untilNow")})`,
      `${tx("education.higher")}: КазНУ им. аль-Фараби, Учёт и аудит, 2014`,
      "1С, Excel",
      `${languageName("kk")} (${tx("languageLevel.native")}), ${languageName("en")} (${tx("languageLevel.intermediate")})`,
      `${tx("workingHours.full_time")}, ${tx("workingHours.remote")}`,
      "450 000 ₸",
    ]) {
      expect(summary).toContain(expected);
    }
    expect(summary).not.toContain("Уақытша");
    expect(summary).not.toContain(`${languageName("ru")} (`);

    // The name is changed in the chat, from the summary.
    await driver.user.press(tx("registration.summary.edit.full_name"));
    await driver.user.send(newSurname);
    await driver.user.send(person.givenName);
    if (person.patronymic) await driver.user.send(person.patronymic);
    else await driver.user.press(tx("registration.fullName.noPatronymic"));
    await driver.user.waitFor((u) => isSummary(u.lastText(), tx));
    expect(driver.user.lastText()).toContain(`${newSurname} ${person.givenName}`);

    // The form shows it, with what the web saved.
    const again = await openForm(driver);
    const surname = field(again, tx("miniApp.form.surname"));
    await surname.waitFor();
    expect(await surname.inputValue()).toBe(newSurname);
    expect(await again.locator("#section-experience .entry").count()).toBe(2);
    expect(await field(again, tx("miniApp.form.end"), 1).isDisabled()).toBe(true);
    expect(await field(again, tx("miniApp.form.language"), 1).inputValue()).toBe(languageName("en"));
    expect(await toggle(again, tx("workingHours.remote")).getAttribute("aria-pressed")).toBe("true");
    await expectOnlyItsLanguage(again, language);
    await again.close();

    // Signed in the chat: consent, the one-time password to the checked phone, the receipt.
    await driver.confirmAndConsent();
    expect(h.sms.sent.at(-1)?.phone).toBe(person.phone);
    await driver.user.send(h.sms.lastCodeFor(person.phone)!);
    const receipt = driver.user.lastText() ?? "";
    const number = /\d{4}-\d{6}/.exec(receipt)?.[0];
    expect(number).toMatch(/^2026-\d{6}$/);
    // Friday 27.11.2026 10:00 in Almaty; 1 working day → Monday 30.11.2026.
    expect(receipt).toBe(
      tx("registration.receipt", { number: number!, receivedAt: "27.11.2026 10:00", dueDate: "30.11.2026" }),
    );
    // About 20 s on an idle machine; room for a loaded CI runner.
  }, 90_000);
});

describe("the form's lists", () => {
  it('are answered "none" on the page as in the chat, and an emptied list asks for an entry or "none"', async () => {
    const person = newPerson(names.ru);
    const driver = await beginInTheChat("ru", person);
    const tx = driver.tx;
    const page = await openForm(driver);
    await field(page, tx("miniApp.form.surname")).fill(person.surname);
    await field(page, tx("miniApp.form.givenName")).fill(person.givenName);
    for (const list of ["experience", "education", "languageSkills"]) {
      await page.getByLabel(tx(`miniApp.form.none.${list}`), { exact: true }).check();
    }
    await toggle(page, tx("workingHours.flexible")).click();
    await field(page, tx("registration.summary.desiredPosition")).fill("Курьер");
    await field(page, tx("miniApp.form.salary")).fill("200000");
    await saveAndWaitForChat(page, driver);
    await page.close();

    // The chat takes the empty lists as answers: it goes on at the summary, as after its own "none" buttons.
    await driver.user.press(tx("registration.continue"));
    await driver.user.waitFor((u) => isSummary(u.lastText(), tx));
    const none = tx("registration.summary.none");
    for (const section of ["experience", "education"]) {
      expect(driver.user.lastText()).toContain(`${tx(`registration.summary.${section}`)}:\n${none}`);
    }
    expect(driver.user.lastText()).toContain(`${tx("registration.summary.languageSkills")}: ${none}`);

    // Opened again, the page shows those answers; unticked with nothing listed, it is not saved.
    const again = await openForm(driver);
    const noJobs = again.getByLabel(tx("miniApp.form.none.experience"), { exact: true });
    expect(await noJobs.isChecked()).toBe(true);
    await noJobs.uncheck();
    await again.getByRole("button", { name: tx("miniApp.form.save") }).click();
    const refused = tx("miniApp.errors.noneOrEntry", { none: tx("miniApp.form.none.experience") });
    await again.locator("#section-experience .error").getByText(refused).waitFor();
    expect(await again.getByRole("alert").textContent()).toContain(tx("miniApp.form.fixErrors"));
    await expectOnlyItsLanguage(again, "ru");
    await again.close();
  }, 60_000);
});

describe("the form without a way in", () => {
  it.each(["kk", "en"] as const)("tells a person with no draft, in %s, how to begin in the chat", async (language) => {
    const driver = new RegistrationDriver(harness.user("Асқар", language), language);
    await driver.chooseLanguage();
    const tx = driver.tx;
    const page = await phonePage(browser);
    const draft = page.waitForResponse((response) => response.url().endsWith("/app/api/draft"));
    const { user } = driver.user;
    await page.goto(
      miniAppUrl(harness, "form", initDataFor({ id: user.id, first_name: user.first_name }, harness.clock.now())),
    );
    // The API's contract stays: no draft is 404.
    expect((await draft).status()).toBe(404);
    const notice = page.locator("#no-draft");
    await notice.waitFor();
    expect(await notice.textContent()).toBe(tx("miniApp.form.noDraft", { begin: tx("registration.begin") }));
    expect(await notice.getAttribute("role")).toBe("status");
    expect(await page.getByRole("alert").count()).toBe(0);
    expect(await page.locator("input").count()).toBe(0);
    await expectOnlyItsLanguage(page, language);
    await page.screenshot({ path: screenshotPath(`form-no-draft-${language}-390x844`) });
    await page.close();
  });

  it.each(languages)("refuses launch data older than an hour, in %s, and the API answers 401", async (language) => {
    const person = newPerson(names[language]);
    const driver = await beginInTheChat(language, person);
    const stale = new Date(harness.clock.now().getTime() - 61 * 60_000);
    const page = await phonePage(browser);
    const refused = page.waitForResponse((response) => response.url().endsWith("/app/api/me"));
    const { user } = driver.user;
    await page.goto(
      miniAppUrl(
        harness,
        "form",
        initDataFor({ id: user.id, first_name: user.first_name, language_code: language }, stale),
      ),
    );
    expect((await refused).status()).toBe(401);
    const alert = page.getByRole("alert");
    await alert.waitFor();
    expect(await alert.textContent()).toBe(driver.tx("miniApp.form.unauthorized"));
    expect(await page.locator("input").count()).toBe(0);
    expect(await page.content()).not.toContain(person.iin);
    await expectOnlyItsLanguage(page, language);
    await page.close();
  });

  it("shows a localized error for forged launch data, and the API answers 401", async () => {
    const person = harness.user("Дмитрий", "ru");
    const forged = initDataFor(
      { id: person.id, first_name: "Дмитрий", language_code: "ru" },
      harness.clock.now(),
      "7000000099:AAH-not_our_bot",
    );
    const page = await phonePage(browser);
    const refused = page.waitForResponse((response) => response.url().endsWith("/app/api/me"));
    await page.goto(miniAppUrl(harness, "form", forged));
    expect((await refused).status()).toBe(401);
    const alert = page.getByRole("alert");
    await alert.waitFor();
    expect(await alert.textContent()).toBe(texts("ru")("miniApp.form.unauthorized"));
    expect(await page.locator("input").count()).toBe(0);
    await page.close();
  });
});
