// Every wrong input at every step gets a clear message in the person's
// language and the question again; nothing crashes and nothing is stored.

import type { TestUser } from "@job-seeker/bot-api-emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, startHarness } from "../support/app-harness.ts";
import { iinBornOn } from "../support/iins.ts";
import { aigerim, RegistrationDriver } from "../support/registration-driver.ts";

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness();
});

afterAll(async () => {
  await harness.close();
});

type Attempt = { name: string; act: (user: TestUser) => Promise<unknown>; error: string };

const nonText = (error: string): Attempt[] => [
  { name: "a sticker", act: (u) => u.sendSticker(), error },
  { name: "a photo", act: (u) => u.sendPhoto(), error },
  { name: "a voice message", act: (u) => u.sendVoice(), error },
  { name: "a document", act: (u) => u.sendDocument(), error },
];

/** Telegram clients split a text over 4,096 characters into several messages; the last one is answered last. */
async function sendAsTelegramWould(user: TestUser, text: string): Promise<void> {
  for (let i = 0; i < text.length; i += 4096) await user.send(text.slice(i, i + 4096));
}

/** What is stored about the person's draft: must not move on a wrong answer. */
async function storedDraft() {
  const draft = await harness.app.database.prisma.application.findFirst({
    where: { status: "draft" },
    orderBy: { createdAt: "desc" },
  });
  return draft && { form: harness.app.database.cipher.openJson("application.form", draft.form), step: draft.step };
}

async function expectRefused(driver: RegistrationDriver, attempts: Attempt[], question: string): Promise<void> {
  const before = await storedDraft();
  for (const attempt of attempts) {
    await attempt.act(driver.user);
    const reply = driver.user.lastText() ?? "";
    expect(reply, attempt.name).toContain(driver.tx.start(attempt.error));
    expect(reply, attempt.name).toContain(question);
    expect(await storedDraft(), attempt.name).toEqual(before);
  }
}

/**
 * A press on a button that is not the question's: a notice where it was
 * pressed, no message, the draft untouched, the question on screen unchanged.
 */
async function expectStaleButtonNoticed(driver: RegistrationDriver, press: (user: TestUser) => Promise<unknown>) {
  const before = await storedDraft();
  const messages = driver.user.messages().length;
  const question = driver.user.lastMessage();
  await press(driver.user);
  await driver.user.waitFor((u) => u.lastCallbackAnswer()?.text !== undefined);
  expect(driver.user.lastCallbackAnswer()?.text).toBe(driver.tx("registration.errors.staleButton"));
  expect(driver.user.messages()).toHaveLength(messages);
  expect(driver.user.lastMessage()).toEqual(question);
  expect(await storedDraft()).toEqual(before);
}

describe("wrong input at each step (Russian)", () => {
  const driver = () => new RegistrationDriver(harness.user(`Тест ${Math.random()}`), "ru");

  it("phone: anything but the person's own contact", async () => {
    const d = driver();
    await d.chooseLanguage();
    await d.begin();
    await expectRefused(
      d,
      [
        ...nonText("registration.errors.useContactButton"),
        { name: "typed number", act: (u) => u.send("+77011234567"), error: "registration.errors.useContactButton" },
        {
          name: "someone else's contact",
          act: (u) => u.shareContact({ phone: "+77019998877", userId: 424242 }),
          error: "registration.phone.notOwn",
        },
        {
          name: "a foreign number",
          act: (u) => u.shareContact({ phone: "+4915112345678" }),
          error: "registration.phone.notKazakhstan",
        },
      ],
      d.tx("registration.phone.ask"),
    );
    expect(d.user.replyKeyboard()?.keyboard[0]?.[0]).toMatchObject({ request_contact: true });
  });

  it("IIN: wrong check digit, impossible date, letters, non-text", async () => {
    const d = driver();
    await d.chooseLanguage();
    await d.begin();
    await d.phone(aigerim);
    await expectRefused(
      d,
      [
        ...nonText("registration.errors.textExpected"),
        { name: "wrong check digit", act: (u) => u.send("900101300018"), error: "registration.iin.invalid.checksum" },
        { name: "impossible date", act: (u) => u.send("903101300017"), error: "registration.iin.invalid.date" },
        { name: "11 digits", act: (u) => u.send("90010130001"), error: "registration.iin.invalid.format" },
        { name: "emoji", act: (u) => u.send("😀😀😀"), error: "registration.iin.invalid.format" },
        {
          name: "SQL-like text",
          act: (u) => u.send("1; DROP TABLE application; --"),
          error: "registration.iin.invalid.format",
        },
        {
          name: "5,000 characters",
          act: (u) => sendAsTelegramWould(u, "9".repeat(5000)),
          error: "registration.iin.invalid.format",
        },
      ],
      d.tx("registration.iin.ask"),
    );
    await d.user.send("9001 0130 0017");
    expect(d.user.lastText()).toBe(d.tx.atStep(3, "registration.fullName.surname"));
  });

  it("surname: digits, emoji, SQL, too long, an earlier step's button", async () => {
    const d = driver();
    await d.chooseLanguage();
    await d.begin();
    await d.phone(aigerim);
    await d.iin(aigerim);
    const earlierButton = d.user.messages().find((m) => m.reply_markup)!;
    await expectRefused(
      d,
      [
        ...nonText("registration.errors.textExpected"),
        { name: "digits", act: (u) => u.send("Иванов2"), error: "registration.errors.nameLetters" },
        { name: "emoji", act: (u) => u.send("😀"), error: "registration.errors.nameLetters" },
        {
          name: "SQL-like text",
          act: (u) => u.send("Robert'); DROP TABLE applicant;--"),
          error: "registration.errors.nameLetters",
        },
        { name: "51 letters", act: (u) => u.send("Щ".repeat(51)), error: "registration.errors.nameTooLong" },
        {
          name: "5,000 characters",
          act: (u) => sendAsTelegramWould(u, "а".repeat(5000)),
          error: "registration.errors.nameTooLong",
        },
      ],
      d.tx("registration.fullName.surname"),
    );
    await expectStaleButtonNoticed(d, (u) =>
      u.pressData(earlierButton.message_id, earlierButton.reply_markup!.inline_keyboard[0]![0]!.callback_data!),
    );
    await expectStaleButtonNoticed(d, (u) => u.pressData(earlierButton.message_id, "a:surname:x"));
  });

  it("experience: dates in a wrong form, in the future, an end before the start; free text kept as typed", async () => {
    const d = driver();
    await d.chooseLanguage();
    await d.begin();
    await d.phone(aigerim);
    await d.iin(aigerim);
    await d.fullName(aigerim);
    await expectRefused(
      d,
      [
        ...nonText("registration.errors.useButtons"),
        { name: "text instead of a button", act: (u) => u.send("да"), error: "registration.errors.useButtons" },
      ],
      d.tx("registration.experience.ask"),
    );
    await d.user.press(d.tx("registration.experience.add"));
    await expectRefused(
      d,
      [
        { name: "emoji only", act: (u) => u.send("🏢🏢"), error: "registration.errors.noLetters" },
        {
          name: "5,000 characters",
          act: (u) => sendAsTelegramWould(u, "x".repeat(5000)),
          error: "registration.errors.tooLong",
        },
        { name: "201 characters", act: (u) => u.send("x".repeat(201)), error: "registration.errors.tooLong" },
      ],
      d.tx("registration.experience.employer"),
    );
    // SQL-like text is a legitimate employer name: stored as typed, harmlessly.
    await d.user.send("Robert'); DROP TABLE application;--");
    await d.user.send("Инженер");
    await expectRefused(
      d,
      [
        { name: "no dot", act: (u) => u.send("2015"), error: "registration.errors.monthYearFormat" },
        { name: "month 13", act: (u) => u.send("13.2015"), error: "registration.errors.monthYearFormat" },
        { name: "in the future", act: (u) => u.send("01.2027"), error: "registration.errors.monthYearFuture" },
      ],
      d.tx("registration.experience.start"),
    );
    await d.user.send("05.2020");
    await d.user.send("04.2020");
    expect(d.user.messages().at(-2)?.text).toBe(d.tx("registration.experience.endBeforeStart"));
    expect(d.user.lastText()).toBe(d.tx.atStep(4, "registration.experience.end"));
    await d.user.send("06.2021");
    await d.user.press(d.tx("registration.common.done"));
    await d.user.press(d.tx("registration.education.none"));
    await d.user.press(d.tx("registration.common.skip"));
    await d.user.press(d.tx("registration.common.skip"));
    await expectRefused(
      d,
      [
        {
          name: "done with nothing chosen",
          act: (u) => u.press(d.tx("registration.common.done")),
          error: "registration.preferences.hoursNone",
        },
      ],
      d.tx("registration.preferences.hours"),
    );
    await d.user.press(d.tx("workingHours.shifts"));
    await d.user.press(d.tx("registration.common.done"));
    await d.user.send("Инженер");
    await expectRefused(
      d,
      [
        { name: "zero", act: (u) => u.send("0"), error: "registration.errors.salary" },
        { name: "negative", act: (u) => u.send("-5000"), error: "registration.errors.salary" },
        { name: "words", act: (u) => u.send("много"), error: "registration.errors.salary" },
        { name: "too much", act: (u) => u.send("999999999999"), error: "registration.errors.salary" },
        { name: "a fraction", act: (u) => u.send("1000,50"), error: "registration.errors.salary" },
      ],
      d.tx("registration.preferences.salary"),
    );
    await d.user.send("300000");
    expect(d.user.lastText()).toContain("Robert'); DROP TABLE application;--");
    expect(await harness.app.database.prisma.application.count()).toBeGreaterThan(0);
  });

  it("one-time password: wrong, voided after three wrong tries, expired, resent no more than once a minute", async () => {
    const d = driver();
    await d.fillUpToSummary({ ...aigerim, phone: "+77015550000", iin: "770707300012" });
    await d.confirmAndConsent();
    const question = d.tx("registration.otp.ask.sign_application", { phone: "+7 701 555 00 00", length: 6 });
    const code = harness.sms.lastCode();
    const wrong = code === "000000" ? "111111" : "000000";

    await expectRefused(
      d,
      [{ name: "five digits", act: (u) => u.send("12345"), error: "registration.otp.format" }],
      question,
    );
    await d.user.send(wrong);
    expect(d.user.messages().at(-2)?.text).toBe(d.tx("registration.otp.wrong", { triesLeft: 2 }));
    await d.user.send(wrong);
    await d.user.send(wrong);
    expect(d.user.messages().at(-2)?.text).toBe(d.tx("registration.otp.voided"));
    // Not "enter the code" again: only a new code helps, and the question says how.
    const renew = d.tx.atStep(9, "registration.otp.renew", {
      phone: "+7 701 555 00 00",
      resend: d.tx("registration.otp.resend"),
    });
    expect(d.user.lastText()).toBe(renew);
    await d.user.send(code);
    expect(d.user.lastText()).toBe(`${d.tx("registration.otp.renewFirst")}\n\n${renew}`);

    await d.user.press(d.tx("registration.otp.resend"));
    const said = d.user
      .messages()
      .slice(-2)
      .map((m) => m.text)
      .join("\n");
    expect(said).toContain(d.tx("registration.otp.too_soon", { seconds: 60 }));
    expect(d.user.lastText()).toContain(renew);
    harness.clock.advance(61_000);
    await d.user.press(d.tx("registration.otp.resend"));
    const second = harness.sms.lastCode();
    harness.clock.advance(5 * 60_000);
    await d.user.send(second);
    expect(d.user.messages().at(-2)?.text).toBe(d.tx("registration.otp.expired"));

    await d.user.press(d.tx("registration.otp.resend"));
    await d.user.send(harness.sms.lastCode());
    expect(d.user.lastText()).toContain("№ 2026-");
    expect(await harness.app.database.prisma.application.count({ where: { status: "submitted" } })).toBe(1);
  });
});

describe("an IIN whose holder cannot apply yet (English, where it was found)", () => {
  it("refuses a birth date in the future and an age under 14; at 14-15 tells of the parent's consent", async () => {
    const d = new RegistrationDriver(harness.user("Young", "en"), "en");
    await d.chooseLanguage();
    await d.begin();
    await d.phone(aigerim);
    await expectRefused(
      d,
      [
        {
          name: "born in 2095",
          act: (u) => u.send("9511 3050 2195"),
          error: "registration.iin.invalid.birthDateInFuture",
        },
        // 27.11.2026: 13 years old, the 14th birthday tomorrow.
        {
          name: "13 years old",
          act: (u) => u.send(iinBornOn("121128", "6")),
          error: "registration.iin.invalid.tooYoung",
        },
      ],
      d.tx("registration.iin.ask"),
    );
    expect(d.user.lastText()).toContain(d.tx("registration.iin.invalid.tooYoung", { minimumAge: 14 }));

    await d.user.send(iinBornOn("121127", "6"));
    const said = d.user.messages().map((m) => m.text);
    expect(said).toContain(d.tx("registration.iin.parentConsent"));
    expect(d.user.lastText()).toBe(d.tx.atStep(3, "registration.fullName.surname"));
  });
});

describe.each(["kk", "en"] as const)("wrong input answered in the person's language: %s", (language) => {
  it("a sticker, a wrong IIN and an earlier button", async () => {
    const d = new RegistrationDriver(harness.user(`Test ${language}`, language), language);
    await d.chooseLanguage();
    await d.begin();
    await d.phone(aigerim);
    const earlier = d.user.messages().find((m) => m.reply_markup)!;
    await expectRefused(
      d,
      [
        ...nonText("registration.errors.textExpected").slice(0, 1),
        { name: "wrong check digit", act: (u) => u.send("900101300018"), error: "registration.iin.invalid.checksum" },
      ],
      d.tx("registration.iin.ask"),
    );
    await expectStaleButtonNoticed(d, (u) =>
      u.pressData(earlier.message_id, earlier.reply_markup!.inline_keyboard[0]![0]!.callback_data!),
    );
  });
});
