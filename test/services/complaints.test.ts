// Complaints, against storage without Telegram: filed once per signature, a
// late one waits for the body to renew the term, decided once, refused by
// silence after five working days from receipt.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { addDays, almatyInstant } from "../../src/domain/dates.ts";
import { complaintDecisionDue } from "../../src/domain/deadlines.ts";
import { aComplaint, aForm, anOperator } from "../support/fixtures.ts";
import { validIin } from "../support/iins.ts";
import { openServiceRig, type ServiceRig } from "../support/service-rig.ts";

const receivedAt = new Date("2026-11-27T05:00:00Z");
const received = "2026-11-27";
const later = (minutes: number) => new Date(receivedAt.getTime() + minutes * 60_000);
const aigul = anOperator({ id: 501, name: "Айгуль" });
const onTime = aComplaint({ learnedDate: "2026-11-25" });
const late = aComplaint({ learnedDate: "2025-01-10", lateReason: "Болел, справка прилагается" });

let rig: ServiceRig;
let person = 300;

beforeAll(async () => {
  rig = await openServiceRig();
});

afterAll(async () => {
  await rig.close();
});

beforeEach(() => {
  person += 1;
});

const file = (complaint = onTime, key = `filing:${person}`) =>
  rig.services.complaints.file(person, person, complaint, receivedAt, key);

describe("file", () => {
  it("receives a complaint in time with its number, due date and silence reminder", async () => {
    const complaint = await file();

    expect(complaint).toMatchObject({
      status: "received",
      receivedDate: received,
      dueDate: complaintDecisionDue(received),
    });
    expect(complaint.number).toMatch(/^C-2026-\d{6}$/);
    expect(complaint.complainant).toEqual(onTime.complainant);
    expect((await rig.reminders(person)).map((row) => row.kind)).toEqual(["complaint_silence"]);
  });

  it("files once per signature", async () => {
    const first = await file();
    const again = await file(aComplaint({ essence: "Совсем другой текст жалобы." }));

    expect(again.id).toBe(first.id);
    expect(await rig.services.complaints.listFor(person)).toHaveLength(1);
  });

  it("offers the person's decided applications as subjects", async () => {
    const { applicationId, number } = await rig.submitApplication(person, aForm({ iin: validIin(person) }), receivedAt);
    await rig.services.decisions.decide(
      applicationId,
      aigul,
      { kind: "refuse", ground: "unreliable_documents", note: "—" },
      later(5),
    );

    const subjects = await rig.services.complaints.subjects(person);
    expect(subjects).toEqual([
      expect.objectContaining({ key: `application:${number}`, kind: "application", decidedAt: later(5) }),
    ]);
    await file(aComplaint({ subject: `application:${number}` }));
    expect(await rig.services.complaints.hasComplaintAbout(person, `application:${number}`)).toBe(true);
  });
});

describe("a late complaint", () => {
  it("waits for the renewal of the term; once renewed it is decided like any other", async () => {
    const complaint = await file(late);
    expect(complaint.status).toBe("awaiting_renewal");
    expect((await rig.services.complaints.decide(complaint.id, aigul, "satisfied", "—", later(1))).kind).toBe(
      "not_allowed",
    );

    expect(await rig.services.complaints.renew(complaint.id, aigul, later(2))).toMatchObject({
      kind: "changed",
      complaint: { status: "received" },
    });
    expect(
      await rig.services.complaints.decide(complaint.id, aigul, "satisfied", "Доводы подтвердились", later(3)),
    ).toMatchObject({
      kind: "changed",
      complaint: { status: "satisfied", decisionNote: "Доводы подтвердились" },
    });
    expect((await rig.auditOf(complaint.id)).map((entry) => entry.action)).toEqual([
      "complaint.received",
      "complaint.satisfied",
    ]);
  });

  it("can have its renewal refused, which ends it", async () => {
    const complaint = await file(late);

    expect(
      await rig.services.complaints.refuseRenewal(complaint.id, aigul, "Причина не уважительная", later(1)),
    ).toMatchObject({
      kind: "changed",
      complaint: { status: "renewal_refused" },
    });
    expect((await rig.services.complaints.renew(complaint.id, aigul, later(2))).kind).toBe("not_allowed");
  });
});

describe("decide", () => {
  it("decides once, whoever presses first, and tells the person through the outbox", async () => {
    const complaint = await file();
    const results = await Promise.all([
      rig.services.complaints.decide(complaint.id, aigul, "satisfied", "—", later(1)),
      rig.services.complaints.decide(complaint.id, anOperator({ id: 502, name: "Болат" }), "refused", "—", later(1)),
    ]);

    expect(results.map((result) => result.kind).sort()).toEqual(["changed", "not_allowed"]);
    expect((await rig.reminders(person)).filter((row) => row.kind === "complaint_changed")).toHaveLength(1);
  });
});

describe("refuse by silence", () => {
  it("records nothing within the term and the refusal after it", async () => {
    const complaint = await file();
    const due = complaintDecisionDue(received);

    expect(await rig.services.complaints.refuseBySilence(complaint.id, almatyInstant(due, "18:00"))).toBeUndefined();
    expect(
      (await rig.services.complaints.refuseBySilence(complaint.id, almatyInstant(addDays(due, 1), "00:05")))?.id,
    ).toBe(complaint.id);
    expect((await rig.services.complaints.findById(complaint.id))?.status).toBe("refused_by_silence");
  });
});
