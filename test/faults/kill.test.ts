// kill -9 of the bot process while 50 people register at once, three times
// at random points, restarted on the same PostgreSQL database: nothing filed
// is lost or doubled, no stored field differs from what the person typed for
// that question, every update gets an answer and everyone finishes.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/db/database.ts";
import { type TestDatabase, temporaryPostgres } from "../support/databases.ts";
import { crowdFigures, type FaultRig, type IntakeMode, startFaultRig } from "../support/fault-rig.ts";
import { shiftedFields, storedApplications } from "../support/stored-forms.ts";
import { testCipher } from "../support/test-keys.ts";

const serverUrl = process.env.TEST_DATABASE_URL;

describe.each<IntakeMode>(["polling", "webhook"])("%s", (mode) => {
  let database: TestDatabase;
  let rig: FaultRig;

  beforeAll(async () => {
    if (!serverUrl) return;
    database = await temporaryPostgres(serverUrl);
    const url = (database.settings as { url: string }).url;
    rig = await startFaultRig({ DATABASE_URL: url }, mode, { ledgerUrl: url });
  }, 120_000);

  afterAll(async () => {
    await rig?.close();
    await database?.drop();
  }, 60_000);

  it.runIf(serverUrl)(
    "loses, doubles and shifts nothing when the bot is killed three times during 50 registrations",
    async () => {
      const people = rig.crowd(50, { replyTimeoutMs: 120_000, onSilence: "fail" });
      const finished = Promise.all(people.map((person) => person.register()));
      // About 30 answers a person; one kill at a random point in each third of the run.
      const expectedAnswers = people.length * 30;
      const killAt = [0.05, 0.35, 0.65].map((third) => Math.round(expectedAnswers * (third + 0.25 * Math.random())));
      const kills: Array<{ afterAnswers: number; restartMs: number }> = [];
      for (const threshold of killAt) {
        await rig.emulator.waitFor(() => crowdFigures(people).answers >= threshold, 300_000);
        await rig.killBot();
        const restarted = Date.now();
        await rig.startBot();
        kills.push({ afterAnswers: crowdFigures(people).answers, restartMs: Date.now() - restarted });
      }
      const receipts = await finished;

      const db = await openDatabase(database.settings, { cipher: testCipher });
      const stored = await storedApplications(db).finally(() => db.close());
      const shifted = people.flatMap((person) =>
        (stored.get(person.user.id) ?? []).flatMap((form) => shiftedFields(form, person.data)),
      );
      const smsPerPerson = people.map((person) => rig.sms.sent.filter((sms) => sms.phone === person.data.phone).length);
      const figures = { kills, ...crowdFigures(people), shifted: shifted.length, smsMax: Math.max(...smsPerPerson) };
      console.log(`kill -9 run (${mode}):`, JSON.stringify(figures));

      expect(receipts).toHaveLength(50);
      expect(people.map((person) => stored.get(person.user.id)?.length ?? 0)).toEqual(people.map(() => 1));
      expect(shifted).toEqual([]);
      expect(smsPerPerson.every((count) => count === 1)).toBe(true);
    },
    420_000,
  );
});
