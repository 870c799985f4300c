// A failure between "answer received" and "next question sent", at every
// step of every section of the registration form and of an appeal and a
// complaint: the answer is stored in the field of the question the person
// saw, or not at all and the person is told to send it again.
import { afterEach, expect, it } from "vitest";
import type { Services } from "../../src/services/index.ts";
import { type Harness, startHarness } from "../support/app-harness.ts";
import { crowdFigures } from "../support/fault-rig.ts";
import { personData, SimulatedPerson } from "../support/simulated-person.ts";
import { shiftedFields, storedApplications } from "../support/stored-forms.ts";

let harness: Harness;

afterEach(async () => {
  await harness.close();
});

type Fault = (harness: () => Harness) => (services: Services) => Services;

/** Storing the answer fails every other time: each answer fails once, then goes through when sent again. */
const storingFails: Fault = () => (services) => {
  let saves = 0;
  return {
    ...services,
    conversationStates: {
      ...services.conversationStates,
      async save(chatId, build, effects) {
        if (saves++ % 2 === 0) throw new Error("injected: the database failed while storing the answer");
        return services.conversationStates.save(chatId, build, effects);
      },
    },
  };
};

/** The answer is stored, then Telegram refuses the next question (every time). */
const sendingFails: Fault = (current) => (services) => ({
  ...services,
  conversationStates: {
    ...services.conversationStates,
    async save(chatId, build, effects) {
      let asks = false;
      await services.conversationStates.save(
        chatId,
        (outcome) => {
          const state = build(outcome);
          asks = state.pending.some((action) => (action as { kind?: string }).kind === "send");
          return state;
        },
        effects,
      );
      if (asks) current().emulator.failNext("sendMessage", { errorCode: 400, description: "Bad Request: injected" });
    },
  },
});

it.each([
  ["storing the answer fails", storingFails, "fail"],
  ["sending the next question fails", sendingFails, "nudge"],
] as const)(
  "%s at every step: the registration, an appeal and a complaint are stored as typed",
  async (_, fault, onSilence) => {
    harness = await startHarness({ overrides: { services: fault(() => harness) } });
    const data = personData(7);
    const person = new SimulatedPerson(harness.user("Ordering", "kk"), "kk", data, harness.sms, {
      replyTimeoutMs: onSilence === "nudge" ? 700 : 10_000,
      onSilence,
      retryPauseMs: 50,
    });

    await person.register().catch((e) => {
      console.log(
        harness.emulator.calls
          .slice(-8)
          .map((c) => `${c.method} ${c.status} ${JSON.stringify(c.params).slice(0, 150)}`)
          .join("\n"),
      );
      throw e;
    });
    await person.fileAppeal();
    await person.fileComplaint();

    const prisma = harness.app.database.prisma;
    const [form] = (await storedApplications(harness.app.database)).get(person.user.id) ?? [];
    expect(form && shiftedFields(form, data)).toEqual([]);
    const appeal = await prisma.appeal.findFirstOrThrow();
    expect(harness.app.database.cipher.openJson("appeal.content", appeal.content)).toEqual({
      fullName: `${data.surname} ${data.givenName}`,
      identity: { kind: "natural", iin: data.iin, postalAddress: data.address },
      addressee: "service_provider",
      essence: data.appealEssence,
      date: "2026-11-27",
    });
    const complaint = await prisma.complaint.findFirstOrThrow();
    const { cipher } = harness.app.database;
    expect({
      subject: cipher.open("complaint.subject", complaint.subject),
      learned: complaint.learnedDate,
      essence: cipher.open("complaint.essence", complaint.essence),
    }).toEqual({
      subject: data.complaintEssence.split(",")[0],
      learned: "2026-11-27",
      essence: data.complaintEssence,
    });
    expect(await prisma.application.count({ where: { status: "submitted" } })).toBe(1);
    expect(await prisma.appeal.count()).toBe(1);
    expect(await prisma.complaint.count()).toBe(1);
    const figures = crowdFigures([person]);
    console.log(`${_}:`, JSON.stringify(figures));
    // Told about every failure: "not saved, send again", or "saved, here is the question".
    expect(onSilence === "fail" ? figures.notSaved : figures.answerSaved).toBeGreaterThan(20);
  },
  300_000,
);
