// What /status lists, against storage without Telegram: every application the
// person sent, newest first, each with the sex of its own IIN (the Russian
// wording), and their appeals; read without opening the forms.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { aForm, anAppeal } from "../support/fixtures.ts";
import { validIin } from "../support/iins.ts";
import { openServiceRig, type ServiceRig } from "../support/service-rig.ts";

const first = new Date("2026-11-27T05:00:00Z");
const second = new Date("2026-11-28T05:00:00Z");
const appealed = new Date("2026-11-29T05:00:00Z");

let rig: ServiceRig;

beforeAll(async () => {
  rig = await openServiceRig();
});

afterAll(async () => {
  await rig.close();
});

describe("status", () => {
  it("lists the person's applications newest first, the sex of each from its own IIN, and their appeals", async () => {
    const person = 301;
    const man = await rig.submitApplication(person, aForm({ iin: validIin(person, "male") }), first);
    const woman = await rig.submitApplication(person, aForm({ iin: validIin(person, "female") }), second);
    const appeal = await rig.services.appeals.file(person, person, anAppeal(), appealed, "+77011234567", "filing:301");

    const { applications, appeals, complaints } = await rig.services.overview.status(person);

    expect(applications).toEqual([
      {
        number: woman.number,
        status: "submitted",
        applicantSex: "female",
        submittedAt: second,
        dueDate: woman.dueDate,
      },
      { number: man.number, status: "submitted", applicantSex: "male", submittedAt: first, dueDate: man.dueDate },
    ]);
    expect(appeals).toEqual([
      {
        number: appeal.number,
        status: "received",
        receivedAt: appealed,
        dueDate: appeal.dueDate,
        extendedTo: null,
      },
    ]);
    expect(complaints).toEqual([]);
  });

  it("does not open the forms: a form that no longer opens still has its line", async () => {
    const person = 302;
    const { applicationId, number } = await rig.submitApplication(person, aForm({ iin: validIin(person) }), first);
    await rig.db.prisma.application.update({ where: { id: applicationId }, data: { form: "not a sealed form" } });

    const { applications } = await rig.services.overview.status(person);

    expect(applications.map((line) => [line.number, line.applicantSex])).toEqual([[number, "male"]]);
  });

  it("lists nothing for someone who never wrote to the bot, nor their drafts", async () => {
    await rig.services.registration.openDraft(303, 303, "phone");

    expect(await rig.services.overview.status(303)).toEqual({ applications: [], appeals: [], complaints: [] });
    expect(await rig.services.overview.status(304)).toEqual({ applications: [], appeals: [], complaints: [] });
  });
});
