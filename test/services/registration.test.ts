import { afterEach, beforeEach, expect, it } from "vitest";
import { type Database, openDatabase } from "../../src/db/database.ts";
import { createServices, type Services } from "../../src/services/index.ts";
import { standInMobileRegistry } from "../../src/services/mobile-registry.ts";
import { IinTakenError } from "../../src/services/registration.ts";
import { type TestDatabase, temporaryPglite } from "../support/databases.ts";
import { aForm, anOperator } from "../support/fixtures.ts";
import { testCipher } from "../support/test-keys.ts";

const form = aForm({ workingHours: ["remote"], desiredPosition: "Аналитик", desiredSalary: 300000 });

let testDb: TestDatabase;
let db: Database;
let services: Services;

beforeEach(async () => {
  testDb = temporaryPglite();
  db = await openDatabase(testDb.settings, { cipher: testCipher });
  services = createServices({
    db: db.work,
    clock: { now: () => new Date() },
    sms: { send: async () => {} },
    registry: standInMobileRegistry(),
    secret: "s",
  });
});

afterEach(async () => {
  await db.close();
  await testDb.drop();
});

it("lets only the first of two accounts submit an application with the same IIN", async () => {
  const first = await services.registration.openDraft(1, 1, "phone");
  const second = await services.registration.openDraft(2, 2, "phone");
  const state = (lastUpdateId: number) => () => ({ value: null, pending: [], prompt: null, lastUpdateId });
  await services.conversationStates.save(1, state(1), {
    section: { draftId: first.id, patch: form, step: "otp", editing: false },
  });
  await services.conversationStates.save(2, state(2), {
    section: { draftId: second.id, patch: form, step: "otp", editing: false },
  });
  const at = new Date("2026-11-27T05:00:00Z");
  const results = await Promise.allSettled([
    services.registration.submit(first.id, at),
    services.registration.submit(second.id, at),
  ]);
  expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
  const rejected = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
  expect(rejected.reason).toBeInstanceOf(IinTakenError);
  expect(await db.prisma.application.count({ where: { status: "submitted" } })).toBe(1);
});

it("sends what is still to be said about a taken-over application to its owner's new account", async () => {
  const draft = await services.registration.openDraft(1, 1, "phone");
  await services.conversationStates.save(1, () => ({ value: null, pending: [], prompt: null, lastUpdateId: 1 }), {
    section: { draftId: draft.id, patch: form, step: "otp", editing: false },
  });
  const at = new Date("2026-11-27T05:00:00Z");
  await services.registration.submit(draft.id, at);
  // Registered: the result is queued for the account that filed it.
  await services.decisions.decide(draft.id, anOperator(), { kind: "register" }, at);
  const unsentTo = (chatId: number) => db.prisma.reminder.count({ where: { chatId: BigInt(chatId), sentAt: null } });
  const told = await unsentTo(1);
  expect(told).toBeGreaterThan(0);

  await services.registration.takeOver(3, 3, form.iin!, at);

  expect(await unsentTo(1)).toBe(0);
  expect(await unsentTo(3)).toBe(told);
});
