// The citizens' mobile database check in the registration path, against a
// stand-in of the registry over HTTP: a registered pair goes on, an
// unregistered one is explained and may share another number (no SMS), and a
// registry that fails and recovers loses nothing typed.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createLogger } from "../../src/logger.ts";
import { httpMobileRegistry } from "../../src/services/mobile-registry.ts";
import { type Harness, startHarness } from "../support/app-harness.ts";
import { aigerim, RegistrationDriver } from "../support/registration-driver.ts";
import { type RegistryStandIn, startRegistryStandIn } from "../support/registry-stand-in.ts";

const otherPhone = "+77770001122";

let registry: RegistryStandIn;
let harness: Harness;

beforeEach(async () => {
  registry = await startRegistryStandIn();
  const adapter = httpMobileRegistry({ url: registry.url, token: registry.token }, createLogger("silent"), 1_000);
  harness = await startHarness({ overrides: { registry: adapter } });
});

afterEach(async () => {
  await harness.close();
  await registry.close();
});

async function upToIin(driver: RegistrationDriver, phone = aigerim.phone): Promise<void> {
  await driver.chooseLanguage();
  await driver.begin();
  await driver.user.shareContact({ phone });
  await driver.iin(aigerim);
}

it("goes on with a registered pair and signs with the checked phone", async () => {
  registry.register(aigerim.iin, aigerim.phone);
  const driver = new RegistrationDriver(harness.user("Айгерім", "ru"), "ru");

  await driver.fillUpToSummary();
  await driver.confirmAndConsent();
  await driver.sign(harness.sms);

  expect(registry.checks).toEqual([
    { iin: aigerim.iin, phone: aigerim.phone, authorization: `Bearer ${registry.token}` },
  ]);
  expect(harness.sms.sent.map((sms) => sms.phone)).toEqual([aigerim.phone]);
  expect(driver.user.lastText()).toMatch(/№ 2026-000001/);
});

it("explains an unregistered pair, sends no SMS, and goes on with another number that is registered", async () => {
  registry.register(aigerim.iin, otherPhone);
  const driver = new RegistrationDriver(harness.user("Айгерім", "kk"), "kk");
  const { user, tx } = driver;

  await upToIin(driver);
  expect(user.lastText()).toBe(tx.atStep(2, "registration.registry.notRegistered", { phone: "+7 701 123 45 67" }));
  expect(user.replyKeyboard()?.keyboard[0]?.[0]?.text).toBe(tx("registration.registry.shareAnother"));

  await user.shareContact({ phone: otherPhone });
  expect(user.lastText()).toBe(tx.atStep(3, "registration.fullName.surname"));
  // The question after it has no keyboard of its own: the "share another number" keyboard goes.
  expect(user.replyKeyboard()).toBeNull();
  await driver.fullName(aigerim);
  await driver.experience();
  await driver.education();
  await driver.skills();
  await driver.preferences(aigerim);
  expect(user.lastText()).toContain("+7 777 000 11 22");
  await driver.confirmAndConsent();
  await driver.sign(harness.sms);

  expect(harness.sms.sent.map((sms) => sms.phone)).toEqual([otherPhone]);
  expect(registry.checks.map((check) => check.phone)).toEqual([aigerim.phone, otherPhone]);
});

it("asks to try again while the registry fails, and loses nothing when it is back", async () => {
  registry.register(aigerim.iin, aigerim.phone);
  registry.mode = "error";
  const driver = new RegistrationDriver(harness.user("Aigerim", "en"), "en");
  const { user, tx } = driver;

  await upToIin(driver);
  expect(user.lastText()).toBe(tx.atStep(2, "registration.registry.unavailable"));
  await user.press(tx("registration.registry.retry"));
  expect(user.lastText()).toBe(tx.atStep(2, "registration.registry.unavailable"));

  registry.mode = "answering";
  await user.press(tx("registration.registry.retry"));
  expect(user.lastText()).toBe(tx.atStep(3, "registration.fullName.surname"));
  expect(harness.sms.sent).toEqual([]);
  expect(registry.checks).toHaveLength(3);
});

it("checks the pair again when the phone is changed from the summary", async () => {
  registry.register(aigerim.iin, aigerim.phone);
  const driver = new RegistrationDriver(harness.user("Айгерім", "ru"), "ru");
  const { user, tx } = driver;
  await driver.fillUpToSummary();

  await user.press(tx("registration.summary.edit.phone"));
  await user.shareContact({ phone: otherPhone });
  expect(user.lastText()).toBe(tx.atStep(1, "registration.registry.notRegistered", { phone: "+7 777 000 11 22" }));
  await user.shareContact({ phone: aigerim.phone });
  expect(user.lastText()).toContain("+7 701 123 45 67");
  expect(registry.checks.map((check) => check.phone)).toEqual([aigerim.phone, otherPhone, aigerim.phone]);
});

it("checks a legal entity's representative before the appeal is signed: their IIN is asked, then the pair", async () => {
  const representativeIin = aigerim.iin;
  registry.register(representativeIin, otherPhone);
  const user = harness.user("Айгерім", "ru");
  const tx = new RegistrationDriver(user, "ru").tx;
  await user.send("/start");
  await user.press(tx("language.button.ru"));
  await user.send("/appeal");
  await user.send("Сейітқали Айгерім Ерланқызы");
  await user.press(tx("appeal.kindLegal"));
  await user.send("050140001238");
  await user.send("г. Алматы, ул. Абая, 1, офис 5");
  await user.press(tx("appeal.body.service_provider"));
  await user.send("Прошу разъяснить порядок регистрации работников организации.");
  await user.press(tx("appeal.sign"));

  expect(user.lastText()).toBe(tx("appeal.signerIin"));
  await user.send(representativeIin);
  await user.shareContact({ phone: aigerim.phone });
  expect(user.lastText()).toBe(tx("registration.registry.notRegistered", { phone: "+7 701 123 45 67" }));
  expect(harness.sms.sent).toEqual([]);

  await user.shareContact({ phone: otherPhone });
  await user.send(harness.sms.lastCode());
  expect(user.lastText()).toMatch(/A-2026-000001/);
  expect(harness.sms.sent.map((sms) => sms.phone)).toEqual([otherPhone]);
  expect(registry.checks.map((check) => [check.iin, check.phone])).toEqual([
    [representativeIin, aigerim.phone],
    [representativeIin, otherPhone],
  ]);
});

describe("an IIN with an application in force on another account", () => {
  async function ownerRegistered() {
    registry.register(aigerim.iin, aigerim.phone);
    const owner = new RegistrationDriver(harness.user("Айгерім"), "ru");
    await owner.fillUpToSummary();
    await owner.confirmAndConsent();
    await owner.sign(harness.sms);
    return owner;
  }

  it("tells another account without a registered pair nothing about it", async () => {
    await ownerRegistered();
    const other = new RegistrationDriver(harness.user("Someone"), "ru");
    await upToIin(other, "+77770000000");

    expect(other.user.lastText()).toBe(
      other.tx.atStep(2, "registration.registry.notRegistered", { phone: "+7 777 000 00 00" }),
    );
    const said = other.user
      .messages()
      .map((m) => m.text)
      .join("\n");
    expect(said).not.toContain("2026-000001");
    expect(harness.sms.sent.map((sms) => sms.phone)).toEqual([aigerim.phone]);
  });

  it("lets the IIN's owner take the application over from a new account after signing with the code", async () => {
    const owner = await ownerRegistered();
    const newAccount = new RegistrationDriver(harness.user("Айгерім (новый телефон)"), "kk");
    const { user, tx } = newAccount;
    await upToIin(newAccount);

    expect(user.messages().map((m) => m.text)).toContain(
      tx("registration.takeover.explain", { phone: "+7 701 123 45 67" }),
    );
    expect(harness.sms.sent.at(-1)?.text).toContain(tx.start("registration.otp.sms.take_over"));
    expect(user.lastText()).toBe(
      tx.atStep(2, "registration.otp.ask.take_over", { phone: "+7 701 123 45 67", length: 6 }),
    );
    await user.send(harness.sms.lastCode());
    expect(user.lastText()).toBe(
      tx("registration.takeover.done", {
        number: "2026-000001",
        status: tx("status.submitted"),
        dueDate: "30.11.2026",
      }),
    );

    await user.send("/status");
    expect(user.lastText()).toContain("2026-000001");
    await owner.user.send("/status");
    expect(owner.user.lastText()).toBe(owner.tx("status.none"));
    const application = await harness.app.database.prisma.application.findFirstOrThrow({
      where: { number: "2026-000001" },
    });
    const trail = await harness.app.database.prisma.auditEntry.findMany({ where: { subjectId: application.id } });
    expect(trail.map((entry) => entry.action)).toContain("application.take_over");
    expect(await harness.app.database.prisma.application.count({ where: { status: "draft" } })).toBe(0);
  });
});
