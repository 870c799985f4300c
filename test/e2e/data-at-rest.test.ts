// What a stolen backup would show: after people registered, appealed and
// complained through the bot on PostgreSQL, a pg_dump of the database holds
// none of their IINs, phones, names, addresses or texts in clear.
import { execFileSync } from "node:child_process";
import { afterAll, expect, it } from "vitest";
import { type Harness, startHarness } from "../support/app-harness.ts";
import { type TestDatabase, temporaryPostgres } from "../support/databases.ts";
import { personData, SimulatedPerson } from "../support/simulated-person.ts";

const serverUrl = process.env.TEST_DATABASE_URL;
let database: TestDatabase | undefined;
let harness: Harness | undefined;

afterAll(async () => {
  await harness?.close();
  await database?.drop();
});

it.skipIf(!serverUrl)(
  "a pg_dump after registrations, appeals and complaints holds no personal data in clear",
  async () => {
    database = await temporaryPostgres(serverUrl!);
    if (database.settings.kind !== "postgres") throw new Error("expected PostgreSQL");
    harness = await startHarness({ databaseUrl: database.settings.url, staff: true });
    const people = (["kk", "ru", "en"] as const).map((language, n) => {
      const user = harness!.user(`Dump${n}`, language);
      return new SimulatedPerson(user, language, personData(900 + n), harness!.sms, {
        replyTimeoutMs: 10_000,
        onSilence: "fail",
      });
    });
    for (const person of people) {
      await person.register();
      await person.fileAppeal();
      await person.fileComplaint();
    }

    const dump = execFileSync("pg_dump", ["--no-owner", database.settings.url], {
      encoding: "utf8",
      maxBuffer: 256 * 1024 * 1024,
    });
    // The dump does hold the people's rows, sealed.
    expect(dump).toMatch(/enc:v1:test-1:/);
    expect(await harness.app.database.prisma.application.count({ where: { status: "submitted" } })).toBe(3);
    for (const person of people) {
      const d = person.data;
      const inClear = [
        d.iin,
        d.phone,
        d.phone.replace("+", ""),
        d.surname,
        d.givenName,
        d.patronymic,
        d.address,
        d.employer,
        d.appealEssence,
        d.complaintEssence,
      ].filter((value) => dump.includes(value));
      expect(inClear, `person ${d.surname.slice(-4)}`).toEqual([]);
    }
  },
  240_000,
);
