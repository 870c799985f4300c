// Retention: a draft untouched for 27 days brings a warning with a button to
// continue; untouched for 30 it is deleted with its answers; a person who
// continues keeps it another full period. Rows are stamped by the database,
// so the test ages the draft instead of moving the clock.
import { afterEach, beforeEach, expect, it } from "vitest";
import { RETENTION } from "../../src/services/retention.ts";
import { type Harness, startHarness } from "../support/app-harness.ts";
import { aigerim, RegistrationDriver } from "../support/registration-driver.ts";

const DAY = 24 * 60 * 60_000;

let harness: Harness;

beforeEach(async () => {
  harness = await startHarness({ now: Date.now() });
});

afterEach(async () => {
  await harness.close();
});

/** The draft was last changed `days` ago. */
const ageDraft = async (days: number) => {
  const lastChange = new Date(harness.clock.now().getTime() - days * DAY);
  await harness.app.database.prisma.application.updateMany({
    where: { status: "draft" },
    data: { updatedAt: lastChange },
  });
};
const drafts = () => harness.app.database.prisma.application.count({ where: { status: "draft" } });

async function startedDraft() {
  const driver = new RegistrationDriver(harness.user("Айгерім", "ru"), "ru");
  await driver.chooseLanguage();
  await driver.begin();
  await driver.phone(aigerim);
  await driver.iin(aigerim);
  return driver;
}

/** Retention runs once a day: each step of these tests is a new day. */
const nextDay = () => harness.clock.advance(DAY);

it("warns 3 days before, then deletes an untouched draft with its answers", async () => {
  const { user, tx } = await startedDraft();
  expect(RETENTION.draftIdleDays - RETENTION.draftWarningDays).toBe(27);

  nextDay();
  await ageDraft(26);
  await harness.app.runScheduledWork();
  expect(user.lastText()).toBe(tx.atStep(3, "registration.fullName.surname"));

  nextDay();
  await ageDraft(27.1);
  await harness.app.runScheduledWork();
  await user.waitFor((u) => u.lastText()?.startsWith(tx.start("retention.draftExpiring")) ?? false);
  expect(user.buttons()).toEqual([[tx("registration.continue")]]);
  expect(await drafts()).toBe(1);

  // Two days on: told, but not yet for three days.
  harness.clock.advance(2 * DAY);
  await harness.app.runScheduledWork();
  expect(await drafts()).toBe(1);

  // Three days after the warning: 30 days untouched, deleted.
  nextDay();
  await harness.app.runScheduledWork();
  expect(await drafts()).toBe(0);
});

it("keeps a draft the person came back to after the warning", async () => {
  const { user, tx } = await startedDraft();
  nextDay();
  await ageDraft(27.1);
  await harness.app.runScheduledWork();
  await user.waitFor((u) => u.lastText()?.startsWith(tx.start("retention.draftExpiring")) ?? false);

  await user.press(tx("registration.continue"));
  expect(user.lastText()).toBe(tx.atStep(3, "registration.fullName.surname"));

  // The day it would have been deleted, and no second warning either.
  harness.clock.advance(3 * DAY);
  const messages = user.messages().length;
  await harness.app.runScheduledWork();
  expect(await drafts()).toBe(1);
  expect(user.messages()).toHaveLength(messages);
  const draft = await harness.app.database.prisma.application.findFirstOrThrow({ where: { status: "draft" } });
  expect(harness.app.database.cipher.openJson("application.form", draft.form)).toMatchObject({
    phone: aigerim.phone,
    iin: aigerim.iin,
  });
});
