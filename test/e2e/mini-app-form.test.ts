// The citizen's form as a Mini App, in a real browser (Debian's chromium):
// a person begins in the chat, opens the form page served by the app itself
// with Telegram's launch data in the hash, edits it, and the chat goes on
// from what they saved. A page opened with forged launch data shows a
// localized error and the API refuses it.
import type { Browser } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type Harness, startHarness } from "../support/app-harness.ts";
import { initDataFor, launchBrowser, miniAppUrl, phonePage, screenshotPath } from "../support/browser.ts";
import { aigerim, RegistrationDriver } from "../support/registration-driver.ts";
import { texts } from "../support/texts.ts";

let browser: Browser;
let harness: Harness | undefined;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

const FORM_BASE = "https://jobs.example.kz";

describe("the form in a browser", () => {
  it("shows the chat's answers, takes a job, answers a bad date in Kazakh, saves, and the chat goes on", async () => {
    harness = await startHarness({ miniAppUrl: FORM_BASE });
    const h = harness;
    const driver = new RegistrationDriver(h.user("Айгерім", "kk"), "kk");
    const tx = driver.tx;
    await driver.chooseLanguage();
    await driver.begin();
    await driver.phone(aigerim);
    await driver.iin(aigerim);
    await driver.fullName(aigerim);
    const user = driver.user.user;

    const page = await phonePage(browser);
    const initData = initDataFor({ id: user.id, first_name: user.first_name, language_code: "kk" }, h.clock.now());
    await page.goto(miniAppUrl(h, "form", initData));
    await page.getByRole("heading", { name: tx("miniApp.form.title") }).waitFor();
    // What was answered in the chat: the phone and IIN to read, the name to change.
    await expect.poll(() => page.locator("main").textContent()).toContain(aigerim.iin);
    expect(await page.locator("main").textContent()).toContain(aigerim.phone);
    expect(await page.getByLabel(tx("miniApp.form.surname"), { exact: true }).inputValue()).toBe(aigerim.surname);

    await page.getByRole("button", { name: tx("miniApp.form.addJob") }).click();
    // The new entry's first field has the focus: a keyboard user types on.
    await page.keyboard.type("ТОО «Жарық»");
    await page.getByLabel(tx("miniApp.form.position"), { exact: true }).fill("Бухгалтер");
    await page.getByLabel(tx("miniApp.form.start"), { exact: true }).fill("2015-09");
    await page.getByLabel(tx("miniApp.form.end"), { exact: true }).fill("2014-01");
    await page.getByRole("button", { name: tx("workingHours.full_time") }).click();
    await page.getByLabel(tx("registration.summary.desiredPosition"), { exact: true }).fill(aigerim.position);
    await page.getByLabel(tx("miniApp.form.salary"), { exact: true }).fill("350000");
    await page.getByRole("button", { name: tx("miniApp.form.save") }).click();

    // Refused as the chat would: the message beside the field, in her language; nothing stored.
    const endField = page.getByLabel(tx("miniApp.form.end"), { exact: true });
    await expect.poll(() => endField.getAttribute("aria-invalid")).toBe("true");
    const describedBy = await endField.getAttribute("aria-describedby");
    expect(await page.locator(`#${describedBy}`).textContent()).toBe(tx("miniApp.errors.endBeforeStart"));
    expect(await page.getByRole("alert").textContent()).toContain(tx("miniApp.form.fixErrors"));
    await page.screenshot({ path: screenshotPath("form-refused-390x844"), fullPage: true });
    const chatBefore = driver.user.messages().length;

    await page.getByLabel(tx("miniApp.form.end"), { exact: true }).fill("2019-12");
    await page.getByRole("button", { name: tx("miniApp.form.save") }).click();
    await page.getByText(tx("miniApp.form.saved")).waitFor();
    await page.screenshot({ path: screenshotPath("form-saved-390x844") });

    // The chat says so, and "Continue" goes on at the first section not answered: the education.
    await driver.user.waitFor((u) => u.messages().length > chatBefore);
    expect(driver.user.lastText()).toBe(tx("miniApp.savedInChat"));
    const before = driver.user.messages().length;
    await driver.user.press(tx("registration.continue"));
    await driver.user.waitFor((u) => u.messages().length > before);
    expect(driver.user.lastText()).toBe(tx.atStep(5, "registration.education.ask"));

    // The chat keeps what the web saved: the rest in the chat, then the summary holds both.
    await driver.education();
    await driver.skills();
    const summary = driver.user.lastText() ?? "";
    expect(summary).toContain("ТОО «Жарық»");
    expect(summary).toContain("12.2019");
    expect(summary).toContain(aigerim.position);
    await page.close();
    // About 18 s on an idle machine; room for a loaded CI runner.
  }, 60_000);

  it("shows a localized error for forged launch data, and the API answers 401", async () => {
    harness = await startHarness({ miniAppUrl: FORM_BASE });
    const h = harness;
    const person = h.user("Дмитрий", "ru");
    const forged = initDataFor(
      { id: person.id, first_name: "Дмитрий", language_code: "ru" },
      h.clock.now(),
      "7000000099:AAH-not_our_bot",
    );
    const page = await phonePage(browser);
    const refused = page.waitForResponse((response) => response.url().endsWith("/app/api/me"));
    await page.goto(miniAppUrl(h, "form", forged));
    expect((await refused).status()).toBe(401);
    const alert = page.getByRole("alert");
    await alert.waitFor();
    expect(await alert.textContent()).toBe(texts("ru")("miniApp.form.unauthorized"));
    expect(await page.locator("input").count()).toBe(0);
    await page.close();
  });
});
