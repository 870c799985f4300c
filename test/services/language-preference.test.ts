// The language kept per person in each bot process: two preferences on one
// database stand for two instances behind a load balancer.
import { afterEach, beforeEach, expect, it } from "vitest";
import { type Database, openDatabase } from "../../src/db/database.ts";
import { createLanguagePreference, type LanguagePreference } from "../../src/services/language-preference.ts";
import { type TestDatabase, temporaryPglite } from "../support/databases.ts";
import { testCipher } from "../support/test-keys.ts";

const TTL_MS = 30_000;
let testDb: TestDatabase;
let db: Database;
let closed: boolean;
let clock: number;
let instanceA: LanguagePreference;
let instanceB: LanguagePreference;

beforeEach(async () => {
  testDb = temporaryPglite();
  db = await openDatabase(testDb.settings, { cipher: testCipher });
  closed = false;
  clock = 0;
  const options = { ttlMs: TTL_MS, now: () => clock };
  instanceA = createLanguagePreference(db.work, options);
  instanceB = createLanguagePreference(db.work, options);
});

afterEach(async () => {
  if (!closed) await db.close();
  await testDb.drop();
});

it("shows a change made on this instance at once", async () => {
  await instanceA.chooseLanguage(7, 7, "kk");
  expect(await instanceA.chosenLanguage(7)).toBe("kk");
  await instanceA.chooseLanguage(7, 7, "en");
  expect(await instanceA.chosenLanguage(7)).toBe("en");
});

it("serves the language from memory, so a change made on another instance shows there only when it expires", async () => {
  await instanceA.chooseLanguage(7, 7, "ru");
  expect(await instanceB.chosenLanguage(7)).toBe("ru");

  await instanceA.chooseLanguage(7, 7, "kk");
  clock += TTL_MS - 1;
  expect(await instanceB.chosenLanguage(7)).toBe("ru");
  clock += 1;
  expect(await instanceB.chosenLanguage(7)).toBe("kk");
});

it("does not remember a person who has not chosen yet: their first choice counts everywhere at once", async () => {
  expect(await instanceB.chosenLanguage(8)).toBeUndefined();
  await instanceA.chooseLanguage(8, 8, "en");
  expect(await instanceB.chosenLanguage(8)).toBe("en");
});

it("when the database cannot be read, gives the last language known however old, and fails for a stranger", async () => {
  await instanceA.chooseLanguage(9, 9, "kk");
  await db.close();
  closed = true;
  clock += 10 * TTL_MS;
  expect(await instanceA.chosenLanguage(9)).toBe("kk");
  await expect(instanceA.chosenLanguage(10)).rejects.toThrow();
});

it("keeps at most the bound of people, forgetting first the one read from the database longest ago", async () => {
  const bounded = createLanguagePreference(db.work, { ttlMs: TTL_MS, remembered: 2, now: () => clock });
  await bounded.chooseLanguage(1, 1, "kk");
  await bounded.chooseLanguage(2, 2, "ru");
  clock += TTL_MS;
  // Read again from the database: 1 is now the most recently read.
  expect(await bounded.chosenLanguage(1)).toBe("kk");
  await bounded.chooseLanguage(3, 3, "en");
  // Only what is kept answers while the database cannot be read.
  await db.close();
  closed = true;
  clock += 10 * TTL_MS;
  expect(await bounded.chosenLanguage(1)).toBe("kk");
  expect(await bounded.chosenLanguage(3)).toBe("en");
  await expect(bounded.chosenLanguage(2)).rejects.toThrow();
});
