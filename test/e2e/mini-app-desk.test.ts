// The operators' desk as a Mini App, in a real browser (Debian's chromium) on
// a phone's screen: an operator whose Telegram is in Kazakh works the queue
// with the keyboard only, registers one application and refuses another; the
// staff group's cards follow without personal data, the people are told in
// the chat, and each look at a form is in the audit trail. Anyone else, and
// launch data forged or stale, is turned away with a sentence, not a key.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { INIT_DATA_MAX_AGE_MS } from "../../src/server/mini-app/init-data.ts";
import { type Harness, startHarness } from "../support/app-harness.ts";
import {
  initDataFor,
  launchBrowser,
  type MiniAppUser,
  miniAppUrl,
  phonePage,
  screenshotPath,
} from "../support/browser.ts";
import { lowContrastTexts } from "../support/contrast.ts";
import { type Applicant, cardOf, filedApplication, staffView } from "../support/desk-applicants.ts";
import { texts } from "../support/texts.ts";

let browser: Browser;
let harness: Harness;

beforeAll(async () => {
  browser = await launchBrowser();
  harness = await startHarness({ staff: true, staffAppName: "desk" });
});
afterAll(async () => {
  await harness?.close();
  await browser?.close();
});

const kk = texts("kk");
const ru = texts("ru");

/** Ержан Оператор, in OPERATOR_IDS, whose Telegram is in Kazakh. */
const yerzhan = (): MiniAppUser => {
  const { user } = harness.staff!.operators[1];
  return { id: user.id, first_name: user.first_name, last_name: user.last_name, language_code: "kk" };
};

/** The desk as Telegram opens it for this person now. */
async function openDesk(user: MiniAppUser): Promise<Page> {
  const page = await phonePage(browser);
  await page.goto(miniAppUrl(harness, "desk", initDataFor(user, harness.clock.now())));
  return page;
}

/** Tab (or Shift+Tab, `back`), as a keyboard user does, until the focus is on what reads `label`. */
async function tabTo(page: Page, label: string, back = false): Promise<void> {
  for (let presses = 0; presses < 40; presses++) {
    await page.keyboard.press(back ? "Shift+Tab" : "Tab");
    if ((await focusedText(page)).includes(label)) return;
  }
  throw new Error(`"${label}" is not reachable with Tab`);
}

/** What the focused element reads; nothing when the focus was lost (to the page's body). */
const focusedText = (page: Page) =>
  page.evaluate<string>(
    '!document.activeElement || document.activeElement === document.body ? "" : document.activeElement.textContent',
  );

/** A text key shown as it is ("desk.queue.title") means a text is missing. */
async function expectNoRawKeys(page: Page): Promise<void> {
  expect(await page.locator("body").textContent()).not.toMatch(/\b[a-z]+\.[a-zA-Z.]+\b/);
}

const personalData = (applicant: Applicant) => [
  applicant.person.iin,
  applicant.person.phone,
  applicant.person.surname,
  applicant.person.givenName,
];

describe("the desk in a browser", () => {
  it("registers one application and refuses another, in Kazakh and with the keyboard only", async () => {
    const first = await filedApplication(harness, 1, "ru");
    const second = await filedApplication(harness, 2, "kk");
    // Filed on Friday, both results are due on Monday: the operator opens the desk that morning.
    harness.clock.setAlmaty("2026-11-30T09:00");
    const page = await openDesk(yerzhan());
    await page.getByRole("heading", { level: 1, name: kk("desk.title") }).waitFor();
    const firstItem = page.getByRole("button", { name: `№ ${first.number}` });
    await firstItem.waitFor();
    expect(await page.getByRole("button", { name: `№ ${second.number}` }).isVisible()).toBe(true);
    // The queue names numbers, terms and who took it: no one's data.
    const queueText = await page.locator("main").textContent();
    for (const data of [...personalData(first), ...personalData(second)]) expect(queueText).not.toContain(data);
    await expectNoRawKeys(page);
    expect(await lowContrastTexts(page)).toEqual([]);
    await page.screenshot({ path: screenshotPath("desk-queue-390x844") });

    // The filters, pressed with Enter; the focus stays on the pressed one as the list is rebuilt.
    const filter = async (key: string) => {
      await page.getByRole("button", { name: kk(`desk.filter.${key}`) }).focus();
      await page.keyboard.press("Enter");
      await expect
        .poll(() => page.getByRole("button", { name: kk(`desk.filter.${key}`) }).getAttribute("aria-pressed"))
        .toBe("true");
      expect(await focusedText(page)).toBe(kk(`desk.filter.${key}`));
    };
    await filter("overdue");
    await page.getByText(kk("desk.queue.empty")).waitFor();
    await filter("mine");
    await page.getByText(kk("desk.queue.empty")).waitFor();
    await filter("appeals");
    await page.getByText(kk("desk.queue.empty")).waitFor();
    await filter("due_today");
    await firstItem.waitFor();
    expect(await page.getByRole("button", { name: `№ ${second.number}` }).isVisible()).toBe(true);

    // The first application in full: the form under the labels the person signed, the focus on its title.
    await tabTo(page, `№ ${first.number}`);
    await page.keyboard.press("Enter");
    const title = page.getByRole("heading", {
      level: 1,
      name: kk("desk.record.application", { number: first.number }),
    });
    await title.waitFor();
    expect(await focusedText(page)).toBe(kk("desk.record.application", { number: first.number }));
    const record = await page.locator("main").textContent();
    for (const data of personalData(first)) expect(record).toContain(data);
    for (const label of ["iin", "experience", "education", "workingHours", "desiredSalary"])
      expect(record).toContain(kk(`registration.summary.${label}`));
    expect(record).toContain(kk("workingHours.full_time"));
    expect(record).toContain(kk("languageLevel.intermediate"));
    expect(record).toContain("450 000 ₸");
    await expectNoRawKeys(page);
    expect(await lowContrastTexts(page)).toEqual([]);
    await page.screenshot({ path: screenshotPath("desk-record-390x844") });

    // Take, then register: the outcome takes the focus, so the keyboard goes on from there.
    await tabTo(page, kk("desk.action.take"));
    await page.keyboard.press("Enter");
    await page
      .getByRole("status")
      .filter({ hasText: kk("desk.action.done") })
      .waitFor();
    expect(await focusedText(page)).toBe(kk("desk.action.done"));
    await staffView(harness).waitFor(() =>
      cardOf(harness, first.number)!.text!.includes(ru("staff.card.takenBy", { name: "Ержан Оператор" })),
    );
    await tabTo(page, kk("desk.action.register"), true);
    await page.keyboard.press("Enter");
    await page.getByText(kk("status.registered"), { exact: true }).waitFor();
    await first.driver.user.waitFor((u) => u.lastText() === ru("decision.registered", { number: first.number }));
    await staffView(harness).waitFor(() => cardOf(harness, first.number)!.text!.includes("✅"));
    await expectNoRawKeys(page);

    // Back in the queue, which the decided application has left: the focus is on the filter shown.
    await tabTo(page, kk("desk.record.back"), true);
    await page.keyboard.press("Enter");
    await page.getByRole("button", { name: `№ ${second.number}` }).waitFor();
    expect(await firstItem.count()).toBe(0);
    expect(await focusedText(page)).toBe(kk("desk.filter.due_today"));

    // The second, refused on a ground with a comment.
    await tabTo(page, `№ ${second.number}`);
    await page.keyboard.press("Enter");
    await page
      .getByRole("heading", { level: 1, name: kk("desk.record.application", { number: second.number }) })
      .waitFor();
    await tabTo(page, kk("desk.action.register"));
    await page.keyboard.press("Tab");
    await page.getByLabel(kk("desk.action.ground")).selectOption("non_compliant_information");
    const comment = "Еңбек өтілі туралы мәліметтер расталмады.";
    await page.keyboard.press("Tab");
    await page.keyboard.type(comment);
    expect(await page.getByLabel(kk("desk.action.comment")).inputValue()).toBe(comment);
    await tabTo(page, kk("desk.action.confirmRefuse"));
    await page.keyboard.press("Enter");
    await page.getByText(kk("status.refused"), { exact: true }).waitFor();
    expect(await page.locator("main").textContent()).toContain(kk("refusalGround.non_compliant_information"));
    await second.driver.user.waitFor((u) => u.lastText()?.includes(comment) ?? false);
    expect(second.driver.user.lastText()).toBe(
      kk("decision.refused", {
        number: second.number,
        ground: kk("refusalGround.non_compliant_information"),
        note: comment,
      }),
    );
    await staffView(harness).waitFor(() => cardOf(harness, second.number)!.text!.includes("❌"));
    await expectNoRawKeys(page);

    // The group's cards name the decisions and who made them, masked: no one's IIN, phone or name.
    for (const applicant of [first, second]) {
      const card = cardOf(harness, applicant.number)!.text!;
      expect(card).toContain("Ержан Оператор");
      expect(card).toContain(applicant.person.iin.slice(-4));
      for (const data of personalData(applicant)) expect(card).not.toContain(data);
    }
    for (const message of staffView(harness).messages())
      for (const data of [...personalData(first), ...personalData(second)])
        expect(message.text ?? "").not.toContain(data);

    // Each look at a form is in the audit trail: who, and when (the fake clock's Monday morning).
    const prisma = harness.app.database.prisma;
    for (const applicant of [first, second]) {
      const application = await prisma.application.findFirstOrThrow({ where: { number: applicant.number } });
      const views = await prisma.auditEntry.findMany({ where: { subjectId: application.id, action: "desk.view" } });
      expect(views.map((v) => ({ actorId: Number(v.actorId), actorName: v.actorName, at: v.at }))).toEqual([
        { actorId: yerzhan().id, actorName: "Ержан Оператор", at: new Date("2026-11-30T04:00:00Z") },
      ]);
    }
    await page.close();
  }, 120_000);

  it("answers a conversation and closes it from the page; the group's thread says who, in Russian", async () => {
    const person = harness.user("Заявитель 3", "ru");
    await person.send("/start");
    await person.press("Русский");
    await person.send("/operator");
    await person.waitFor((u) => u.lastText() === ru("operator.opened"));
    const { user } = harness.staff!.operators[0];
    const page = await openDesk({
      id: user.id,
      first_name: user.first_name,
      last_name: user.last_name,
      language_code: "ru",
    });
    await page.getByRole("heading", { level: 1, name: ru("desk.title") }).waitFor();
    await tabTo(page, ru("desk.record.thread"));
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { level: 1, name: ru("desk.record.thread") }).waitFor();

    const answer = "Здравствуйте! Приходите в карьерный центр с удостоверением личности.";
    await page.getByLabel(ru("desk.action.reply")).fill(answer);
    await page.getByRole("button", { name: ru("desk.action.send") }).click();
    await page
      .getByRole("status")
      .filter({ hasText: ru("desk.action.delivered") })
      .waitFor();
    await person.waitFor((u) => u.lastText() === ru("operator.answer", { text: answer }));
    const told = (text: string) => staffView(harness).waitFor((s) => s.messages().some((m) => m.text === text));
    await told(ru("staff.thread.answeredInDesk", { name: "Гүлнар Оператор" }));

    await page.getByRole("button", { name: ru("desk.action.close") }).click();
    await person.waitFor((u) => u.lastText() === ru("operator.closed"));
    await told(ru("staff.thread.closedInDesk", { name: "Гүлнар Оператор" }));
    // Closed, the record keeps no way to answer (the page shows the server's answer, which comes after the group's line).
    await expect.poll(() => page.getByRole("button", { name: ru("desk.action.send") }).count()).toBe(0);
    expect(
      staffView(harness)
        .messages()
        .some((m) => m.text?.includes(answer)),
    ).toBe(false);
    await expectNoRawKeys(page);

    // The other screens read in Russian too, in AA contrast.
    for (const screen of ["search", "stats", "export"]) {
      await page.getByRole("button", { name: ru(`desk.nav.${screen}`) }).click();
      await expect
        .poll(() => page.getByRole("button", { name: ru(`desk.nav.${screen}`) }).getAttribute("aria-current"))
        .toBe("page");
      await page.getByText(ru("desk.loading")).waitFor({ state: "detached" });
      await expectNoRawKeys(page);
      expect(await lowContrastTexts(page)).toEqual([]);
    }
    await page.close();
  }, 60_000);

  it("turns away someone who is not an operator, in their language", async () => {
    const { user } = harness.staff!.bystander;
    const page = await phonePage(browser);
    const refused = page.waitForResponse((response) => response.url().includes("/app/api/desk/"));
    await page.goto(
      miniAppUrl(
        harness,
        "desk",
        initDataFor({ id: user.id, first_name: user.first_name, language_code: "ru" }, harness.clock.now()),
      ),
    );
    // Known to Telegram, so not 401: a member of the staff chat who is not in OPERATOR_IDS.
    expect((await refused).status()).toBe(403);
    await expect.poll(() => page.getByRole("alert").textContent()).toBe(ru("desk.errors.forbidden"));
    expect(await page.getByRole("button").count()).toBe(0);
    await expectNoRawKeys(page);
    await page.close();
  });

  it.each([
    ["forged", () => initDataFor(yerzhan(), harness.clock.now(), "7000000099:AAH-not_our_bot")],
    [
      "older than an hour",
      () => initDataFor(yerzhan(), new Date(harness.clock.now().getTime() - INIT_DATA_MAX_AGE_MS - 60_000)),
    ],
  ])("answers launch data %s with 401 and a sentence in the operator's language", async (_, initData) => {
    const page = await phonePage(browser);
    const refused = page.waitForResponse((response) => response.url().includes("/app/api/desk/"));
    await page.goto(miniAppUrl(harness, "desk", initData()));
    expect((await refused).status()).toBe(401);
    await expect.poll(() => page.getByRole("alert").textContent()).toBe(kk("desk.errors.unauthorized"));
    expect(await page.getByRole("button").count()).toBe(0);
    await expectNoRawKeys(page);
    await page.close();
  });
});
