// The operators' decisions on applications, against storage without Telegram:
// one decision whoever presses first, every action audited, the person told
// through the outbox.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { aForm, anOperator } from "../support/fixtures.ts";
import { validIin } from "../support/iins.ts";
import { openServiceRig, type ServiceRig } from "../support/service-rig.ts";

const submittedAt = new Date("2026-11-27T05:00:00Z");
const later = (minutes: number) => new Date(submittedAt.getTime() + minutes * 60_000);
const aigul = anOperator({ id: 501, name: "Айгуль" });
const bolat = anOperator({ id: 502, name: "Болат" });

// One database for the file (a PGlite start takes seconds); each test has a
// person and an application of its own.
let rig: ServiceRig;
let person = 100;
let applicationId: string;

beforeAll(async () => {
  rig = await openServiceRig();
});

afterAll(async () => {
  await rig.close();
});

beforeEach(async () => {
  person += 1;
  ({ applicationId } = await rig.submitApplication(person, aForm({ iin: validIin(person) }), submittedAt));
});

describe("take", () => {
  it("assigns the application to the first operator and tells the second who has it", async () => {
    const first = await rig.services.decisions.take(applicationId, aigul, later(1));
    const second = await rig.services.decisions.take(applicationId, bolat, later(2));

    expect(first).toMatchObject({ kind: "taken", application: { assignee: { id: 501, name: "Айгуль" } } });
    expect(second).toMatchObject({ kind: "taken_by_other", application: { assignee: { id: 501 } } });
    const trail = await rig.auditOf(applicationId);
    expect(trail.map((entry) => entry.action)).toEqual(["application.submit", "application.take"]);
  });

  it("does not take a decided application or one that does not exist", async () => {
    await rig.services.decisions.decide(applicationId, aigul, { kind: "register" }, later(1));

    expect((await rig.services.decisions.take(applicationId, bolat, later(2))).kind).toBe("already_decided");
    expect((await rig.services.decisions.take(randomUUID(), bolat, later(2))).kind).toBe("not_found");
  });
});

describe("decide", () => {
  it("registers once, audits it and puts the person's message in the outbox", async () => {
    const result = await rig.services.decisions.decide(applicationId, aigul, { kind: "register" }, later(5));

    expect(result).toMatchObject({
      kind: "decided",
      application: { status: "registered" },
      applicant: { chatId: person, language: "ru" },
    });
    const trail = await rig.auditOf(applicationId);
    expect(trail.at(-1)).toMatchObject({
      action: "application.register",
      actorId: 501,
      before: { status: "submitted" },
      after: { status: "registered" },
    });
    const outbox = await rig.reminders(person);
    expect(outbox.filter((row) => row.kind === "application_decided")).toEqual([
      expect.objectContaining({ chatId: person, dueAt: later(5), payload: { applicationId } }),
    ]);
  });

  it("refuses on a legal ground and opens the complaint window", async () => {
    const result = await rig.services.decisions.decide(
      applicationId,
      aigul,
      { kind: "refuse", ground: "unreliable_documents", note: "Справка не подтверждена" },
      later(5),
    );

    expect(result).toMatchObject({
      kind: "decided",
      application: { status: "refused", refusalGround: "unreliable_documents" },
    });
    const kinds = (await rig.reminders(person)).map((row) => row.kind);
    expect(kinds).toContain("application_decided");
    expect(kinds.some((kind) => kind.startsWith("complaint_window"))).toBe(true);
  });

  it("stores one decision when two operators press at the same moment", async () => {
    const results = await Promise.all([
      rig.services.decisions.decide(applicationId, aigul, { kind: "register" }, later(5)),
      rig.services.decisions.decide(
        applicationId,
        bolat,
        { kind: "refuse", ground: "unreliable_documents", note: "—" },
        later(5),
      ),
    ]);

    expect(results.map((r) => r.kind).sort()).toEqual(["already_decided", "decided"]);
    const trail = await rig.auditOf(applicationId);
    expect(
      trail.filter((entry) => entry.action === "application.register" || entry.action === "application.refuse"),
    ).toHaveLength(1);
    expect((await rig.reminders(person)).filter((row) => row.kind === "application_decided")).toHaveLength(1);
  });

  it("answers not_found for an unknown application", async () => {
    expect(await rig.services.decisions.decide(randomUUID(), aigul, { kind: "register" }, later(5))).toEqual({
      kind: "not_found",
    });
  });
});
