// Telegram answering 429 (retry_after 1) or 502 to 40% of the bot's sends for
// 30 s while 30 people register: every message gets through, no field is
// shifted, and nobody has to type an answer again.
import { afterEach, describe, expect, it } from "vitest";
import { languages } from "../../src/domain/language.ts";
import { type Harness, startHarness } from "../support/app-harness.ts";
import { crowdFigures } from "../support/fault-rig.ts";
import { personData, SimulatedPerson } from "../support/simulated-person.ts";
import { shiftedFields, storedApplications } from "../support/stored-forms.ts";

let harness: Harness;

afterEach(async () => {
  harness.emulator.setFlaky(null);
  await harness.close();
});

describe.each(["polling", "webhook"] as const)("%s", (mode) => {
  it("loses no message and shifts no field when 40% of sends fail for 30 seconds", async () => {
    harness = await startHarness({ webhook: mode === "webhook" });
    const people = Array.from({ length: 30 }, (_, n) => {
      const language = languages[n % languages.length]!;
      return new SimulatedPerson(harness.user(`Storm${n}`, language), language, personData(n), harness.sms, {
        replyTimeoutMs: 120_000,
        onSilence: "fail",
      });
    });
    const finished = Promise.all(people.map((person) => person.register()));
    await harness.emulator.waitFor(() => crowdFigures(people).answers >= 60, 60_000);
    harness.emulator.setFlaky({ probability: 0.4 });
    const stormStartedAt = harness.emulator.calls.length;
    await new Promise((resolve) => setTimeout(resolve, 30_000));
    harness.emulator.setFlaky(null);
    const receipts = await finished;

    const sends = harness.emulator.calls.slice(stormStartedAt).filter((call) => call.method === "sendMessage");
    const faulted = sends.filter((call) => !call.ok);
    const lost = faulted.filter(
      (failed) => !sends.some((call) => call.ok && call.time >= failed.time && sameMessage(call.params, failed.params)),
    );
    const stored = await storedApplications(harness.app.database);
    const shifted = people.flatMap((person) =>
      (stored.get(person.user.id) ?? []).flatMap((form) => shiftedFields(form, person.data)),
    );
    const figures = crowdFigures(people);
    console.log(
      `Telegram storm run (${mode}):`,
      JSON.stringify({
        sends: sends.length,
        faulted: faulted.length,
        lost: lost.length,
        ...figures,
        shifted: shifted.length,
      }),
    );

    expect(faulted.length).toBeGreaterThan(0);
    expect(receipts).toHaveLength(30);
    expect(lost).toEqual([]);
    expect(shifted).toEqual([]);
    expect(figures.retyped).toBe(0);
    expect(figures.answerSaved + figures.beforeQuestion + figures.notSaved).toBe(0);
  }, 240_000);
});

function sameMessage(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  return a.chat_id === b.chat_id && a.text === b.text;
}
