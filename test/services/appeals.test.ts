// Administrative appeals, against storage without Telegram: filed once per
// signature, numbered, decided once, withdrawn only by their author, extended
// and referred only within the law's terms, and refused by silence after them.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Appeal } from "../../src/domain/appeal.ts";
import { addDays, almatyInstant } from "../../src/domain/dates.ts";
import { appealDecisionDue, appealExtensionLimit, referralDue } from "../../src/domain/deadlines.ts";
import { anAppeal, anOperator } from "../support/fixtures.ts";
import { openServiceRig, type ServiceRig } from "../support/service-rig.ts";

const receivedAt = new Date("2026-11-27T05:00:00Z");
const received = "2026-11-27";
const later = (minutes: number) => new Date(receivedAt.getTime() + minutes * 60_000);
const aigul = anOperator({ id: 501, name: "Айгуль" });

let rig: ServiceRig;
let person = 200;
let appeal: Appeal;

beforeAll(async () => {
  rig = await openServiceRig();
});

afterAll(async () => {
  await rig.close();
});

beforeEach(async () => {
  person += 1;
  appeal = await rig.services.appeals.file(person, person, anAppeal(), receivedAt, "+77011234567", `filing:${person}`);
});

describe("file", () => {
  it("receives the appeal with a number, a due date and the silence reminder", async () => {
    expect(appeal).toMatchObject({ status: "received", receivedDate: received, dueDate: appealDecisionDue(received) });
    expect(appeal.number).toMatch(/^A-2026-\d{6}$/);
    expect((await rig.reminders(person)).map((row) => row.kind)).toEqual(["appeal_silence"]);
  });

  it("files once per signature: the same filing key returns the appeal filed first", async () => {
    const again = await rig.services.appeals.file(
      person,
      person,
      anAppeal({ essence: "Другой текст обращения, подписанный позже." }),
      later(1),
      "+77011234567",
      `filing:${person}`,
    );

    expect(again.id).toBe(appeal.id);
    expect(await rig.services.appeals.listFor(person)).toHaveLength(1);
  });
});

describe("decide", () => {
  it("decides once and tells the person through the outbox", async () => {
    const first = await rig.services.appeals.decide(appeal.id, aigul, "satisfied", "Отказ отменён", later(10));
    const second = await rig.services.appeals.decide(appeal.id, aigul, "refused", "Поздно", later(11));

    expect(first).toMatchObject({
      kind: "changed",
      appeal: { status: "satisfied", decisionNote: "Отказ отменён", decidedByName: "Айгуль" },
      chatId: person,
    });
    expect(second).toMatchObject({ kind: "not_allowed", appeal: { status: "satisfied" } });
    expect((await rig.reminders(person)).map((row) => row.kind)).toContain("appeal_changed");
    const trail = await rig.auditOf(appeal.id);
    expect(trail.map((entry) => entry.action)).toEqual(["appeal.satisfied"]);
    // The trail keeps what was decided, not what the person wrote.
    expect(JSON.stringify(trail)).not.toContain(anAppeal().essence);
  });
});

describe("withdraw", () => {
  it("lets only the author withdraw, and only before a decision", async () => {
    expect((await rig.services.appeals.withdraw(appeal.id, 999_999, later(1))).result).toBe("not_found");
    expect((await rig.services.appeals.withdraw(appeal.id, person, later(2))).result).toBe("withdrawn");
    expect((await rig.services.appeals.withdraw(appeal.id, person, later(3))).result).toBe("not_open");
    expect((await rig.services.appeals.decide(appeal.id, aigul, "refused", "—", later(4))).kind).toBe("not_allowed");
  });
});

describe("extend", () => {
  it("refuses a date that is not later or beyond two months, and extends once", async () => {
    const original = appealDecisionDue(received);
    const limit = appealExtensionLimit(received);

    expect(await rig.services.appeals.extend(appeal.id, aigul, original, "—", later(1))).toEqual({
      kind: "bad_date",
      reason: "not_later",
    });
    expect(await rig.services.appeals.extend(appeal.id, aigul, addDays(limit, 1), "—", later(1))).toEqual({
      kind: "bad_date",
      reason: "beyond_limit",
    });
    const extended = await rig.services.appeals.extend(
      appeal.id,
      aigul,
      limit,
      "Нужен запрос в другой орган",
      later(2),
    );
    expect(extended).toMatchObject({ kind: "changed", appeal: { status: "extended", extendedTo: limit } });
    expect((await rig.services.appeals.extend(appeal.id, aigul, limit, "—", later(3))).kind).toBe("not_allowed");
    // The silence moves with the term.
    const silences = (await rig.reminders(person)).filter((row) => row.kind === "appeal_silence");
    expect(silences.map((row) => row.dueAt)).toContainEqual(almatyInstant(addDays(limit, 1), "00:00"));
  });
});

describe("refer", () => {
  it("refers within three working days of receipt, not later", async () => {
    const tooLate = almatyInstant(addDays(referralDue(received), 1), "10:00");
    expect((await rig.services.appeals.refer(appeal.id, aigul, "ministry_of_labour", tooLate)).kind).toBe(
      "not_allowed",
    );
    expect(await rig.services.appeals.refer(appeal.id, aigul, "ministry_of_labour", later(5))).toMatchObject({
      kind: "changed",
      appeal: { status: "referred", referredTo: "ministry_of_labour" },
    });
  });
});

describe("put right", () => {
  it("takes the corrected appeal back to received, once for the same content", async () => {
    const marked = await rig.services.appeals.markNonCompliant(appeal.id, aigul, ["postal_address"], later(1));
    expect(marked).toMatchObject({ kind: "changed", appeal: { status: "non_compliant", missing: ["postal_address"] } });
    expect((await rig.reminders(person)).filter((row) => row.kind === "appeal_fix_by")).toHaveLength(2);

    const corrected = anAppeal({
      identity: { kind: "natural", iin: "900101300017", postalAddress: "г. Астана, пр. Мангилик Ел, 8, кв. 12" },
    });
    expect(await rig.services.appeals.putRight(appeal.id, 999_999, corrected, later(30))).toEqual({
      kind: "not_found",
    });
    const first = await rig.services.appeals.putRight(appeal.id, person, corrected, later(30));
    const again = await rig.services.appeals.putRight(appeal.id, person, corrected, later(31));

    expect(first).toMatchObject({ kind: "changed", appeal: { status: "received", missing: [], fixBy: null } });
    expect(again).toMatchObject({ kind: "changed", appeal: { status: "received" } });
    expect((await rig.auditOf(appeal.id)).map((entry) => entry.action)).toEqual([
      "appeal.non_compliant",
      "appeal.received",
    ]);
  });
});

describe("refuse by silence", () => {
  it("records nothing within the term and the refusal after it, with the complaint window", async () => {
    const due = appealDecisionDue(received);
    expect(await rig.services.appeals.refuseBySilence(appeal.id, almatyInstant(due, "18:00"))).toBeUndefined();

    const refused = await rig.services.appeals.refuseBySilence(appeal.id, almatyInstant(addDays(due, 1), "00:05"));
    expect(refused?.id).toBe(appeal.id);
    expect((await rig.services.appeals.findById(appeal.id))?.status).toBe("refused_by_silence");
    expect((await rig.reminders(person)).some((row) => row.kind.startsWith("complaint_window"))).toBe(true);
  });
});
