// Telegram failing while the bot answers: the answer is stored before the
// next question is sent, and a question Telegram did not take is sent when
// the person writes again (src/bot/turn/).
import { afterEach, beforeEach, expect, it } from "vitest";
import { type Harness, startHarness } from "../support/app-harness.ts";
import { aigerim, RegistrationDriver } from "../support/registration-driver.ts";

let harness: Harness;

const failedSends = () => harness.emulator.callsTo("sendMessage").filter((call) => !call.ok).length;

beforeEach(async () => {
  // No retries, so a failed send fails at once. The update deadline stays
  // well above a handler's time on a loaded machine: a deadline that trips
  // drops the answer being handled (by design), which is not what this tests.
  harness = await startHarness({ overrides: { apiRetryBudgetMs: 0, updateTimeoutMs: 20_000 } });
});

afterEach(async () => {
  harness.emulator.setOutage(null);
  await harness.close();
});

it("keeps an answer whose next question Telegram failed to deliver, and asks that question when the person writes again", async () => {
  const driver = new RegistrationDriver(harness.user("Айгерім"), "ru");
  const { user, tx } = driver;
  await driver.chooseLanguage();
  await driver.begin();
  await driver.phone(aigerim);
  await driver.iin(aigerim);
  await user.send("Сейітқали");
  expect(user.lastText()).toBe(tx.atStep(3, "registration.fullName.givenName"));

  harness.emulator.setOutage(500);
  const failedBefore = failedSends();
  await user.send("Айгерім", { expectReply: false });
  // The bot tried to ask the next question, and Telegram failed it.
  await harness.emulator.waitFor(() => failedSends() > failedBefore, 10_000);
  harness.emulator.setOutage(null);

  await user.send("/help");
  await user.waitFor((u) => u.lastText() === tx("help.text"));

  // Seeing no question, the person writes again: the answer was kept, and
  // the question that did not arrive comes now; what they wrote is not taken
  // as its answer.
  await user.send("Айгерім");
  expect(user.lastText()).toBe(`${tx("form.answerSaved")}\n\n${tx.atStep(3, "registration.fullName.patronymic")}`);
  await user.press(tx("registration.fullName.noPatronymic"));
  expect(user.lastText()).toBe(tx.atStep(4, "registration.experience.ask"));
  const draft = await harness.app.database.prisma.application.findFirstOrThrow({ where: { status: "draft" } });
  expect(harness.app.database.cipher.openJson("application.form", draft.form)).toMatchObject({
    phone: aigerim.phone,
    iin: aigerim.iin,
    fullName: { surname: "Сейітқали", givenName: "Айгерім" },
  });
  expect(
    (harness.app.database.cipher.openJson("application.form", draft.form) as { fullName: { patronymic?: string } })
      .fullName.patronymic,
  ).toBeUndefined();
});

it("a 429 from Telegram is retried after retry_after and nothing is lost", async () => {
  await harness.close();
  harness = await startHarness();
  const driver = new RegistrationDriver(harness.user("Ерлан"), "en");
  await driver.chooseLanguage();
  harness.emulator.failNext("sendMessage", { errorCode: 429, retryAfter: 1 });
  await driver.user.press(driver.tx("registration.begin"));
  const question = driver.tx.atStep(1, "registration.phone.ask");
  await harness.emulator.waitFor(() =>
    harness.emulator.callsTo("sendMessage").some((call) => call.ok && call.params.text === question),
  );
  expect(driver.user.lastText()).toBe(question);
  const sends = harness.emulator.callsTo("sendMessage");
  const limited = sends.findIndex((call) => call.status === 429);
  expect(limited).toBeGreaterThanOrEqual(0);
  const retried = sends[limited + 1]!;
  expect(retried.ok).toBe(true);
  expect(retried.params.text).toBe(question);
  expect(retried.time - sends[limited]!.time).toBeGreaterThanOrEqual(1000);
});
