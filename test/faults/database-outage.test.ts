// The database connection cut for 30 s (a TCP proxy in front of PostgreSQL)
// while 20 people register: the bot does not crash, tells people in their
// language to try again, and when the database is back everyone finishes
// with every field where it belongs.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/db/database.ts";
import { type Language, languages } from "../../src/domain/language.ts";
import { type TestDatabase, temporaryPostgres } from "../support/databases.ts";
import { crowdFigures, type FaultRig, type IntakeMode, startFaultRig } from "../support/fault-rig.ts";
import { shiftedFields, storedApplications } from "../support/stored-forms.ts";
import { startTcpProxy, type TcpProxy } from "../support/tcp-proxy.ts";
import { testCipher } from "../support/test-keys.ts";
import { texts } from "../support/texts.ts";

const serverUrl = process.env.TEST_DATABASE_URL;

describe.each<IntakeMode>(["polling", "webhook"])("%s", (mode) => {
  let database: TestDatabase;
  let proxy: TcpProxy;
  let rig: FaultRig;

  beforeAll(async () => {
    if (!serverUrl) return;
    database = await temporaryPostgres(serverUrl);
    const direct = new URL((database.settings as { url: string }).url);
    proxy = await startTcpProxy({ host: direct.hostname, port: Number(direct.port || 5432) });
    const proxied = new URL(direct);
    proxied.host = `127.0.0.1:${proxy.port}`;
    rig = await startFaultRig({ DATABASE_URL: proxied.toString() }, mode);
  }, 120_000);

  afterAll(async () => {
    await rig?.close();
    await proxy?.close();
    await database?.drop();
  }, 60_000);

  it.runIf(serverUrl)(
    "survives a 30-second database outage during 20 registrations with nothing shifted",
    async () => {
      const people = rig.crowd(20, { replyTimeoutMs: 120_000, onSilence: "fail", retryPauseMs: 2000 });
      const finished = Promise.all(people.map((person) => person.register()));
      await rig.emulator.waitFor(() => crowdFigures(people).answers >= 20 * 30 * (0.2 + 0.3 * Math.random()), 120_000);
      proxy.cut();
      await new Promise((resolve) => setTimeout(resolve, 30_000));
      proxy.restore();
      const receipts = await finished;

      const db = await openDatabase(database.settings, { cipher: testCipher });
      const stored = await storedApplications(db).finally(() => db.close());
      const shifted = people.flatMap((person) =>
        (stored.get(person.user.id) ?? []).flatMap((form) => shiftedFields(form, person.data)),
      );
      const toldInTheirLanguage = people.every((person) =>
        person.user.messages().every((message) => !isOtherLanguageNote(message.text ?? "", person.language)),
      );
      const redelivered = rig.emulator.webhookAttempts("jobseeker_fault_bot").filter((attempt) => !attempt.ok).length;
      console.log(
        `database outage run (${mode}):`,
        JSON.stringify({ ...crowdFigures(people), shifted: shifted.length, redelivered }),
      );

      expect(rig.bot.child.exitCode).toBeNull();
      expect(receipts).toHaveLength(20);
      // Polling: the update is answered "send it again". Webhook: it is not
      // taken, and Telegram delivers it again once the database is back.
      if (mode === "polling") expect(crowdFigures(people).notSaved).toBeGreaterThan(0);
      else expect(redelivered).toBeGreaterThan(0);
      expect(toldInTheirLanguage).toBe(true);
      expect(people.map((person) => stored.get(person.user.id)?.length ?? 0)).toEqual(people.map(() => 1));
      expect(shifted).toEqual([]);
    },
    300_000,
  );
});

/** A "try again" note in a language other than the person's. */
function isOtherLanguageNote(text: string, language: Language): boolean {
  return languages.some(
    (other) =>
      other !== language && ["form.answerNotSaved", "errors.generic"].some((key) => text.startsWith(texts(other)(key))),
  );
}
