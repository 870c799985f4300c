// Where the chat opens the form (MINI_APP_URL): a web_app button on the
// welcome, the summary and /help, and the chat's menu button; without
// MINI_APP_URL the chat is as before. The pages come from our own server.
import type { Message } from "@job-seeker/bot-api-emulator";
import { afterEach, describe, expect, it } from "vitest";
import { type Harness, startHarness, TOKEN } from "../support/app-harness.ts";
import { initDataFor } from "../support/browser.ts";
import { aigerim, RegistrationDriver } from "../support/registration-driver.ts";

let harness: Harness | undefined;

afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

const FORM_PAGE = "https://jobs.example.kz/app/form/";

function webAppButtons(message: Message | undefined): Array<{ text: string; url: string }> {
  const markup = message?.reply_markup as
    | { inline_keyboard?: Array<Array<{ text: string; web_app?: { url: string } }>> }
    | undefined;
  return (markup?.inline_keyboard ?? [])
    .flat()
    .flatMap((button) => (button.web_app ? [{ text: button.text, url: button.web_app.url }] : []));
}

async function menuButtonOf(h: Harness, chatId: number): Promise<unknown> {
  const response = await fetch(`${h.emulator.apiRoot}/bot${TOKEN}/getChatMenuButton?chat_id=${chatId}`);
  return ((await response.json()) as { result: unknown }).result;
}

describe("opening the form from the chat", () => {
  it("is offered on the welcome, /help, the summary and the menu button, in the person's language", async () => {
    harness = await startHarness({ miniAppUrl: "https://jobs.example.kz" });
    const h = harness;
    const driver = new RegistrationDriver(h.user("Айгерім", "kk"), "kk");
    const tx = driver.tx;
    const open = [{ text: tx("miniApp.open"), url: FORM_PAGE }];

    await driver.chooseLanguage();
    expect(driver.user.lastText()).toBe(tx("welcome"));
    expect(webAppButtons(driver.user.lastMessage())).toEqual(open);
    expect(await menuButtonOf(h, driver.user.id)).toEqual({
      type: "web_app",
      text: tx("miniApp.menuButton"),
      web_app: { url: FORM_PAGE },
    });

    await driver.user.send("/help");
    expect(webAppButtons(driver.user.lastMessage())).toEqual(open);

    await driver.begin();
    await driver.phone(aigerim);
    await driver.iin(aigerim);
    await driver.fullName(aigerim);
    await driver.experience();
    await driver.education();
    await driver.skills();
    await driver.preferences(aigerim);
    expect(driver.user.lastText()).toContain(aigerim.position);
    expect(webAppButtons(driver.user.lastMessage())).toEqual(open);
  });

  it("is not offered without MINI_APP_URL", async () => {
    harness = await startHarness();
    const h = harness;
    const driver = new RegistrationDriver(h.user("Дмитрий", "ru"), "ru");
    await driver.chooseLanguage();
    expect(webAppButtons(driver.user.lastMessage())).toEqual([]);
    await driver.user.send("/help");
    expect(webAppButtons(driver.user.lastMessage())).toEqual([]);
    expect(await menuButtonOf(h, driver.user.id)).toEqual({ type: "commands" });
  });
});

describe("after a save in the web form", () => {
  it("the chat says so, and Continue goes on at the step the save set, even in the middle of a section", async () => {
    harness = await startHarness({ miniAppUrl: "https://jobs.example.kz" });
    const h = harness;
    const driver = new RegistrationDriver(h.user("Айгерім", "kk"), "kk");
    const tx = driver.tx;
    await driver.chooseLanguage();
    await driver.begin();
    await driver.phone(aigerim);
    await driver.iin(aigerim);
    await driver.fullName(aigerim);
    // Half a job described in the chat: the employer given, the position asked.
    await driver.user.press(tx("registration.experience.add"));
    await driver.user.send("ЖШС «Ескі»");

    const job = { employer: "ТОО «Жарық»", position: "Бухгалтер", start: { month: 9, year: 2015 }, end: "present" };
    const initData = initDataFor(
      { id: driver.user.id, first_name: driver.user.user.first_name, language_code: "kk" },
      h.clock.now(),
    );
    const before = driver.user.messages().length;
    const saved = await fetch(`http://127.0.0.1:${h.app.httpAddress.port}/app/api/draft`, {
      method: "PUT",
      headers: { authorization: `tma ${initData}`, "content-type": "application/json" },
      body: JSON.stringify({ experience: [job], education: [] }),
    });
    expect(saved.status).toBe(200);
    await driver.user.waitFor((u) => u.messages().length > before);
    expect(driver.user.lastText()).toBe(tx("miniApp.savedInChat"));

    const pressed = driver.user.messages().length;
    await driver.user.press(tx("registration.continue"));
    await driver.user.waitFor((u) => u.messages().length > pressed);
    expect(driver.user.lastText()).toBe(tx.atStep(6, "registration.skills.personal", { max: 1000 }));
    await driver.skills();
    await driver.preferences(aigerim);
    const summary = driver.user.lastText() ?? "";
    expect(summary).toContain("ТОО «Жарық»");
    expect(summary).not.toContain("ЖШС «Ескі»");
  });
});

describe("the pages", () => {
  it("are served by the app itself, with nothing from elsewhere", async () => {
    harness = await startHarness();
    const base = `http://127.0.0.1:${harness.app.httpAddress.port}`;
    const page = await fetch(`${base}/app/form/`);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-security-policy")).toContain("script-src 'self'");
    const html = await page.text();
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
    expect((await fetch(`${base}/app/form/main.js`)).headers.get("content-type")).toContain("javascript");

    const bare = await fetch(`${base}/app/form`, { redirect: "manual" });
    expect([bare.status, bare.headers.get("location")]).toEqual([301, "/app/form/"]);
    expect((await fetch(`${base}/app/nothing/`)).status).toBe(404);
    expect((await fetch(`${base}/app/form/../../package.json`)).status).toBe(404);
  });
});
