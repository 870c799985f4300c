// The largest form the rules allow (20 jobs, 20 schools, 1,000 characters of
// skills, 20 languages, every text at its longest) is longer than Telegram
// takes in one message. The summary comes in parts with its buttons on the
// last, the person signs, and the staff card stays one short message that
// operators decide on, the form never in the group (it is read in the desk). The emulator
// refuses every text over 4,096 characters, as Telegram does.
import type { Message, TestUser } from "@job-seeker/bot-api-emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MESSAGE_LIMIT } from "../../src/bot/long-text.ts";
import { repositoriesOn } from "../../src/db/repositories.ts";
import { type ApplicationForm, limits } from "../../src/domain/application.ts";
import type { Language } from "../../src/domain/language.ts";
import { submitDraft } from "../../src/services/registration.ts";
import { FRIDAY_MORNING, type Harness, startHarness } from "../support/app-harness.ts";
import { aForm } from "../support/fixtures.ts";
import { validIin } from "../support/iins.ts";
import { aigerim, RegistrationDriver } from "../support/registration-driver.ts";
import { texts } from "../support/texts.ts";

let harness: Harness;
const ru = texts("ru");

beforeAll(async () => {
  harness = await startHarness({ staff: true });
});
afterAll(async () => {
  await harness.close();
});

/** A text of exactly `length` characters that starts with `start`. */
const longText = (start: string, length: number) => {
  const text = `${start} ${"Қазақстан Республикасы ".repeat(Math.ceil(length / 23))}`.slice(0, length);
  return `${text.slice(0, -1)}ы`;
};

const largest: Pick<ApplicationForm, "experience" | "education" | "personalSkills" | "languageSkills"> = {
  experience: Array.from({ length: limits.entries }, (_, i) => ({
    employer: longText(`Жұмыс беруші ${i + 1}`, limits.shortText),
    position: longText(`Лауазым ${i + 1}`, limits.shortText),
    start: { month: 1 + (i % 12), year: 2000 + i },
    end: i === 0 ? ("present" as const) : { month: 12, year: 2000 + i },
  })),
  education: Array.from({ length: limits.entries }, (_, i) => ({
    level: "higher" as const,
    institution: longText(`Оқу орны ${i + 1}`, limits.shortText),
    speciality: longText(`Мамандық ${i + 1}`, limits.shortText),
    graduationYear: 1990 + i,
  })),
  personalSkills: longText("Дағдылар", limits.skills),
  languageSkills: Array.from({ length: limits.entries }, (_, i) => ({
    language: longText(`Тіл ${i + 1}`, 50),
    level: "native" as const,
  })),
};

/** Everything the bot said after `from`, in order. */
const saidSince = (user: TestUser, from: number): Message[] => user.messages().slice(from);

/** Fills the form with the largest answers and reaches the summary. */
async function atSummary(language: Language, n: number) {
  const user = harness.user(`Ұзақ ${n}`, language);
  const driver = new RegistrationDriver(user, language);
  const person = {
    ...aigerim,
    iin: validIin(n),
    phone: `+7701${String(1000000 + n)}`,
    position: longText("Бас бухгалтер", limits.shortText),
  };
  await driver.chooseLanguage();
  await driver.begin();
  await driver.phone(person);
  await driver.iin(person);
  await driver.fullName(person);
  await driver.experience();
  await driver.education();
  await driver.skills();
  // Typing 20 jobs, 20 schools and 20 languages through the form takes minutes; they are stored as if typed.
  const repos = repositoriesOn(harness.app.database.prisma, harness.app.database.cipher);
  const applicant = (await repos.applicants.findByTelegramId(user.id))!;
  const draft = (await repos.applications.findDraft(applicant.id))!;
  await repos.applications.saveDraft(draft.id, { ...draft.form, ...largest });
  const before = user.messages().length;
  await driver.preferences(person);
  await user.waitFor((u) => u.buttons().flat().includes(driver.tx("registration.summary.submit")));
  return { driver, user, person, summary: saidSince(user, before).slice(-Math.ceil(20_000 / MESSAGE_LIMIT) - 4) };
}

describe("the largest valid form", () => {
  it.each(["kk", "ru", "en"] as const)("is summed up in parts within Telegram's limit (%s)", async (language) => {
    const n = { kk: 41, ru: 42, en: 43 }[language];
    const { driver, summary } = await atSummary(language, n);
    const parts = summary.slice(summary.findIndex((m) => m.text?.includes(driver.tx("registration.summary.title"))));
    expect(parts.length).toBeGreaterThan(4);
    for (const part of parts) expect([...(part.text ?? "")].length).toBeLessThanOrEqual(MESSAGE_LIMIT);
    // The buttons on the last part only: it is the question on screen.
    expect(parts.slice(0, -1).every((part) => !part.reply_markup)).toBe(true);
    expect(parts.at(-1)!.reply_markup).toBeDefined();
    const whole = parts.map((part) => part.text).join("\n");
    for (const job of largest.experience) expect(whole).toContain(job.employer);
    for (const school of largest.education) expect(whole).toContain(school.speciality);
    for (const tongue of largest.languageSkills) expect(whole).toContain(tongue.language);
    expect(whole).toContain(largest.personalSkills);
  });

  it("is signed and received; its staff card is one short message without the form, and is decided", async () => {
    const { driver, user } = await atSummary("ru", 44);
    await driver.confirmAndConsent();
    await driver.sign(harness.sms);
    expect(user.lastText()).toMatch(ru.pattern("registration.receipt"));
    const number = /№ (\d{4}-\d{6})/.exec(user.lastText()!)![1]!;

    const op = harness.staff!.operators[0].in(harness.staff!.group);
    await op.waitFor((s) => s.messages().some((m) => m.text?.startsWith(ru("staff.card.title", { number }))));
    const staff = op.messages();
    const cards = staff.filter((m) => m.text?.includes(number));
    // One message: the form is read in the desk, never posted in the group, however long it is.
    expect(cards).toHaveLength(1);
    const card = cards[0]!;
    expect([...card.text!].length).toBeLessThanOrEqual(MESSAGE_LIMIT);
    expect(card.text).toContain(ru("staff.card.notTaken"));
    const said = staff.map((m) => m.text ?? "").join("\n");
    for (const job of largest.experience) expect(said).not.toContain(job.employer);
    for (const school of largest.education) expect(said).not.toContain(school.institution);
    expect(said).not.toContain(largest.personalSkills);

    const register = card.reply_markup!.inline_keyboard.flat().find((b) => b.text === ru("staff.button.register"))!;
    await op.pressData(card.message_id, register.callback_data!);
    await op.waitFor(
      (s) =>
        s
          .messages()
          .find((m) => m.message_id === card.message_id)
          ?.text?.includes(ru.start("staff.card.registeredBy")) === true,
    );

    // The staff chat's queue and the person's own answers come whole as well.
    await op.send("/queue");
    await op.waitFor((s) => s.messages().length > 0);
    for (const command of ["/status", "/history", "/mydata"]) {
      const before = user.messages().length;
      await user.send(command);
      expect(user.messages().length).toBeGreaterThan(before);
    }
    // Telegram (the emulator) never had to refuse a text as too long.
    expect(harness.emulator.calls.filter((call) => call.status === 400)).toEqual([]);
  });

  it("a /queue and a morning digest longer than one message come in parts, every application in them", async () => {
    // 120 applications received on Friday, due on Monday: more lines than one message holds.
    const repos = repositoriesOn(harness.app.database.prisma, harness.app.database.cipher);
    const numbers: string[] = [];
    for (let i = 0; i < 120; i++) {
      const applicant = await repos.applicants.ensure(900_000 + i, 900_000 + i);
      const form = aForm({ iin: validIin(100 + i), phone: `+7702${String(1000000 + i)}` });
      const draft = await repos.applications.createDraft(applicant.id, form, { step: "otp" });
      numbers.push((await submitDraft(repos, draft.id, new Date(FRIDAY_MORNING))).number);
    }
    const op = harness.staff!.operators[0].in(harness.staff!.group);
    const partsFrom = (from: number, title: string) => {
      const said = op.messages().slice(from);
      return said.slice(said.findIndex((m) => m.text?.startsWith(title)));
    };

    let from = op.messages().length;
    await op.send("/queue");
    await op.waitFor(() =>
      numbers.every((n) => partsFrom(from, ru("staff.queue.title")).some((m) => m.text?.includes(n))),
    );
    const queue = partsFrom(from, ru("staff.queue.title"));
    expect(queue.length).toBeGreaterThan(1);
    for (const part of queue) expect([...part.text!].length).toBeLessThanOrEqual(MESSAGE_LIMIT);

    from = op.messages().length;
    harness.clock.setAlmaty("2026-11-30T09:00");
    await harness.app.runScheduledWork();
    const title = ru.start("staff.digest.title");
    await op.waitFor(() => numbers.every((n) => partsFrom(from, title).some((m) => m.text?.includes(n))), 60_000);
    const digest = partsFrom(from, title).filter((m) => numbers.some((n) => m.text?.includes(n)));
    expect(digest.length).toBeGreaterThan(1);
    for (const part of digest) expect([...part.text!].length).toBeLessThanOrEqual(MESSAGE_LIMIT);
    expect(harness.emulator.calls.filter((call) => call.status === 400)).toEqual([]);
  }, 180_000);
});
