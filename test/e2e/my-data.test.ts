// /mydata: the person sees what is stored about them and exercises their
// rights over it: withdraw an undecided application, withdraw the consent to
// publication, delete a draft; each confirmed first, the staff chat told.
import type { GroupChatSession } from "@job-seeker/bot-api-emulator";
import { afterEach, beforeEach, expect, it } from "vitest";
import { type Harness, startHarness } from "../support/app-harness.ts";
import { aigerim, RegistrationDriver } from "../support/registration-driver.ts";

let harness: Harness;

beforeEach(async () => {
  harness = await startHarness({ staff: true });
});

afterEach(async () => {
  await harness.close();
});

const staffChat = (): GroupChatSession => harness.staff!.operators[0].in(harness.staff!.group);

async function registered(language: "ru" | "kk" | "en") {
  const driver = new RegistrationDriver(harness.user("Айгерім", language), language);
  await driver.fillUpToSummary(aigerim);
  await driver.confirmAndConsent();
  await driver.sign(harness.sms);
  await staffChat().waitFor((chat) => chat.messages().some((m) => m.text?.includes("№ 2026-000001")));
  return driver;
}

it("shows what is stored, withdraws the application after a confirmation and tells the staff chat", async () => {
  const { user, tx } = await registered("ru");

  await user.send("/mydata");
  const shown = user.lastText()!;
  for (const expected of [
    tx("mydata.title"),
    "+7 701 123 45 67",
    aigerim.iin,
    "Сейітқали Айгерім Ерланқызы",
    tx("mydata.application", { number: "2026-000001", receivedAt: "27.11.2026 10:00", status: tx("status.submitted") }),
    tx("mydata.consent", { version: "2026-11", number: "2026-000001", given: "27.11.2026 10:00" }).slice(0, 40),
  ]) {
    expect(shown).toContain(expected);
  }
  expect(user.buttons()).toEqual([[tx("mydata.ask.application")], [tx("mydata.ask.consent")]]);

  await user.press(tx("mydata.ask.application"));
  expect(user.lastText()).toBe(tx("mydata.confirm.application"));
  await user.press(tx("mydata.keep"));
  expect(user.lastText()).toBe(tx("mydata.kept"));
  expect(await harness.app.database.prisma.application.count({ where: { status: "submitted" } })).toBe(1);

  await user.send("/mydata");
  await user.press(tx("mydata.ask.application"));
  await user.press(tx("mydata.yes.application"));
  expect(user.lastText()).toBe(tx("mydata.done.application", { number: "2026-000001" }));
  const application = await harness.app.database.prisma.application.findFirstOrThrow({
    where: { number: "2026-000001" },
  });
  expect(application.status).toBe("withdrawn");
  const trail = await harness.app.database.prisma.auditEntry.findMany({ where: { subjectId: application.id } });
  expect(trail.map((entry) => entry.action)).toContain("application.withdraw");

  const ruStaff = new RegistrationDriver(user, "ru").tx;
  await staffChat().waitFor((chat) =>
    chat.messages().some((m) => m.text === ruStaff("staff.withdrawn", { number: "2026-000001" })),
  );
  const card = staffChat()
    .messages()
    .find((m) => m.text?.startsWith(ruStaff("staff.card.title", { number: "2026-000001" })));
  expect(card?.text).toContain(ruStaff("staff.card.withdrawn", { at: "27.11.2026 10:00" }));
  expect(card?.reply_markup).toBeUndefined();

  await user.send("/status");
  expect(user.lastText()).toContain(tx("status.withdrawn"));
});

it("withdraws the consent to publication, and says so on the next look", async () => {
  const { user, tx } = await registered("kk");

  await user.send("/mydata");
  await user.press(tx("mydata.ask.consent"));
  expect(user.lastText()).toBe(tx("mydata.confirm.consent"));
  await user.press(tx("mydata.yes.consent"));
  expect(user.lastText()).toBe(tx("mydata.done.consent", { at: "27.11.2026 10:00" }));

  await user.send("/mydata");
  expect(user.lastText()).toContain(
    tx("mydata.consentWithdrawn", {
      version: "2026-11",
      number: "2026-000001",
      given: "27.11.2026 10:00",
      withdrawn: "27.11.2026 10:00",
    }).slice(0, 30),
  );
  expect(user.buttons()).toEqual([[tx("mydata.ask.application")]]);
  const ruStaff = new RegistrationDriver(user, "ru").tx;
  await staffChat().waitFor((chat) =>
    chat.messages().some((m) => m.text === ruStaff("staff.consentWithdrawn", { number: "2026-000001" })),
  );
});

it("deletes a draft with its answers after a confirmation, from /help's button", async () => {
  const driver = new RegistrationDriver(harness.user("Aigerim", "en"), "en");
  const { user, tx } = driver;
  await driver.chooseLanguage();
  await driver.begin();
  await driver.phone(aigerim);
  await driver.iin(aigerim);

  await user.send("/help");
  await user.press(tx("mydata.button"));
  expect(user.lastText()).toContain(tx.start("mydata.draft"));
  await user.press(tx("mydata.ask.draft"));
  await user.press(tx("mydata.yes.draft"));
  expect(user.lastText()).toBe(tx("mydata.done.draft"));
  expect(await harness.app.database.prisma.application.count({ where: { status: "draft" } })).toBe(0);

  await user.send("/mydata");
  expect(user.buttons()).toEqual([]);
});
