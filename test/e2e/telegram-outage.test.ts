// @grammyjs/conversations 2.0.1–2.1.1 (#155): a reply that fails inside a
// conversation leaves its replay hanging, and with per-chat sequencing the
// chat would stay silent until a restart. The update deadline frees it.
import { afterEach, beforeEach, expect, it } from "vitest";
import { type Harness, startHarness } from "../support/app-harness.ts";
import { aigerim, RegistrationDriver } from "../support/registration-driver.ts";

let harness: Harness;

const failedSends = () => harness.emulator.callsTo("sendMessage").filter((call) => !call.ok).length;

beforeEach(async () => {
  // No retries and a short deadline, so the test does not wait for a real one.
  harness = await startHarness({ overrides: { apiRetryAttempts: 0, updateTimeoutMs: 1500 } });
});

afterEach(async () => {
  harness.emulator.setOutage(null);
  await harness.close();
});

it("answers again after Telegram failed in the middle of a section, and keeps the saved sections", async () => {
  const driver = new RegistrationDriver(harness.user("Айгерім"), "ru");
  const { user, tx } = driver;
  await driver.chooseLanguage();
  await driver.begin();
  await driver.phone(aigerim);
  await driver.iin(aigerim);
  await user.send("Сейітқали");
  expect(user.lastText()).toBe(tx("registration.fullName.givenName"));

  harness.emulator.setOutage(500);
  const failedBefore = failedSends();
  await user.send("Айгерім", { expectReply: false });
  // The bot tried to answer, and Telegram failed it.
  await harness.emulator.waitFor(() => failedSends() > failedBefore, 10_000);
  harness.emulator.setOutage(null);

  await user.send("/help");
  await user.waitFor((u) => u.lastText() === tx("help.text"));
  const prisma = harness.app.database.prisma;

  // The section starts again; the phone and IIN saved before are kept.
  await user.send("Сейітқали");
  expect(user.lastText()).toBe(tx("registration.fullName.givenName"));
  await user.send("Айгерім");
  await user.press(tx("registration.fullName.noPatronymic"));
  expect(user.lastText()).toBe(tx("registration.experience.ask"));
  const draft = await prisma.application.findFirstOrThrow({ where: { status: "draft" } });
  expect(draft.form).toMatchObject({ phone: aigerim.phone, iin: aigerim.iin, fullName: { surname: "Сейітқали", givenName: "Айгерім" } });
});

it("a 429 from Telegram is retried after retry_after and nothing is lost", async () => {
  await harness.close();
  harness = await startHarness();
  const driver = new RegistrationDriver(harness.user("Ерлан"), "en");
  await driver.chooseLanguage();
  harness.emulator.failNext("sendMessage", { errorCode: 429, retryAfter: 1 });
  await driver.user.press(driver.tx("registration.begin"));
  const question = driver.tx("registration.phone.ask");
  await harness.emulator.waitFor(() => harness.emulator.callsTo("sendMessage").some((call) => call.ok && call.params.text === question));
  expect(driver.user.lastText()).toBe(question);
  const sends = harness.emulator.callsTo("sendMessage");
  const limited = sends.findIndex((call) => call.status === 429);
  expect(limited).toBeGreaterThanOrEqual(0);
  const retried = sends[limited + 1]!;
  expect(retried.ok).toBe(true);
  expect(retried.params.text).toBe(question);
  expect(retried.time - sends[limited]!.time).toBeGreaterThanOrEqual(1000);
});
