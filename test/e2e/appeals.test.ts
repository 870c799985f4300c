// An appeal: filed with what the law requires, signed with a one-time
// password, received at once with a receipt; withdrawn before a decision; and
// counted as refused when its term passes in silence.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Harness, startHarness } from "../support/app-harness.ts";
import { aigerim, RegistrationDriver } from "../support/registration-driver.ts";
import { texts } from "../support/texts.ts";

let harness: Harness;
beforeEach(async () => {
  harness = await startHarness();
});
afterEach(async () => {
  await harness.close();
});

const ru = texts("ru");

/** A person who has registered (so name, IIN and phone are known), then files an appeal. */
async function fileAppeal(language: "ru" | "kk" = "ru") {
  const driver = new RegistrationDriver(harness.user("Айгерім", language), language);
  await driver.fillUpToSummary(aigerim);
  await driver.confirmAndConsent();
  await driver.user.send(harness.sms.lastCode());
  const { user, tx } = driver;

  await user.send("/appeal");
  expect(user.messages().at(-2)?.text).toBe(tx("appeal.intro"));
  await user.press(tx("appeal.useKnown", { value: "Сейітқали Айгерім Ерланқызы" }));
  await user.press(tx("appeal.kindNatural"));
  await user.press(tx("appeal.useKnown", { value: aigerim.iin }));
  await user.send("г. Алматы, ул. Абая, 1, кв. 5");
  await user.press(tx("appeal.body.service_provider"));
  await user.send("Прошу разъяснить, какие документы нужны для подтверждения стажа.");
  expect(user.lastText()).toContain(tx("appeal.check"));
  expect(user.lastText()).toContain("г. Алматы, ул. Абая, 1, кв. 5");
  await user.press(tx("appeal.sign"));
  // The prompt and the SMS name the appeal, not the application signed before.
  expect(user.lastText()).toBe(tx("registration.otp.ask.sign_appeal", { phone: "+7 701 123 45 67", length: 6 }));
  expect(user.lastText()).not.toBe(
    tx("registration.otp.ask.sign_application", { phone: "+7 701 123 45 67", length: 6 }),
  );
  const code = harness.sms.lastCode();
  expect(harness.sms.sent.at(-1)?.text).toBe(tx("registration.otp.sms.sign_appeal", { code, minutes: 5 }));
  expect(harness.sms.sent.at(-1)?.text).not.toBe(tx("registration.otp.sms.sign_application", { code, minutes: 5 }));
  await user.send(code);
  return driver;
}

describe("an appeal", () => {
  it("is received at once with a number, the time, who received it and the term", async () => {
    const { user, tx } = await fileAppeal();
    // Received Friday 27.11.2026: 15 working days, Independence Day off → 21.12.2026.
    expect(user.lastText()).toBe(
      tx("appeal.receipt", {
        number: "A-2026-000001",
        receivedAt: "27.11.2026 10:00",
        receiverName: tx("appeal.receiverDefault.name"),
        receiverPosition: tx("appeal.receiverDefault.position"),
        dueDate: "21.12.2026",
      }),
    );
    expect(harness.sms.sent.at(-1)?.text).toContain(harness.sms.lastCode());
    await user.send("/status");
    expect(user.lastText()).toContain(
      tx("status.appealOpen", {
        number: "A-2026-000001",
        status: tx("appealStatus.received"),
        received: "27.11.2026 10:00",
        dueDate: "21.12.2026",
      }),
    );
  });

  it("can be withdrawn before a decision, after a confirmation", async () => {
    const { user, tx } = await fileAppeal("kk");
    await user.press(tx("appeal.withdraw.button"));
    expect(user.lastText()).toBe(tx("appeal.withdraw.confirm"));
    await user.press(tx("appeal.withdraw.yes"));
    expect(user.lastText()).toBe(tx("appeal.withdraw.withdrawn"));
    await user.send("/status");
    expect(user.lastText()).toContain(tx("appealStatus.withdrawn"));
    expect(await harness.app.database.prisma.appeal.count({ where: { status: "withdrawn" } })).toBe(1);
  });

  it("counts as refused when its term passes without a decision, and the person is told how to complain", async () => {
    const { user } = await fileAppeal();
    harness.clock.setAlmaty("2026-12-21T23:59");
    await harness.app.runScheduledWork();
    expect(user.lastText()).not.toContain(ru.start("appeal.silence"));
    harness.clock.setAlmaty("2026-12-22T00:00");
    await harness.app.runScheduledWork();
    await user.waitFor(
      (u) => u.lastText() === ru("appeal.silence", { number: "A-2026-000001", dueDate: "21.12.2026" }),
    );
    expect(await harness.app.database.prisma.appeal.findFirst()).toMatchObject({ status: "refused_by_silence" });
    await harness.app.runScheduledWork();
    expect(user.messages().filter((m) => m.text?.startsWith(ru.start("appeal.silence")))).toHaveLength(1);

    // The silence of 22.12.2026 opens a 3-month window: it ends 22.03.2027, on Nauryz, so on 25.03.2027.
    harness.clock.setAlmaty("2027-03-18T09:00");
    await harness.app.runScheduledWork();
    await user.waitFor(
      (u) => u.lastText() === ru("complaint.windowClosing.appeal", { number: "A-2026-000001", ends: "25.03.2027" }),
    );
  });

  it("takes a legal entity's BIN and refuses one with a wrong check digit", async () => {
    const user = harness.user("ТОО", "ru");
    await user.send("/start");
    await user.press("Русский");
    await user.send("/appeal");
    await user.send("ТОО «Жарық»");
    await user.press(ru("appeal.kindLegal"));
    await user.send("050140001239");
    expect(user.lastText()).toContain(ru("appeal.bin.invalid.checksum"));
    await user.send("050140001238");
    expect(user.lastText()).toBe(ru("appeal.address"));
  });
});
