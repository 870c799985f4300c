// The questions the bot asks operators in the staff chat, against storage
// without Telegram: one still stands while what it asks can be done, for half
// an hour, until the operator has been reminded of it once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { StaffQuestion } from "../../src/services/staff-posts.ts";
import { aComplaint, anAppeal, anOperator } from "../support/fixtures.ts";
import { openServiceRig, type ServiceRig } from "../support/service-rig.ts";

const chatId = -1001000000777;
const at = new Date("2026-11-27T05:00:00Z");
const minutes = (n: number) => new Date(at.getTime() + n * 60_000);
const aigul = anOperator({ id: 501, name: "Айгуль" });

let rig: ServiceRig;
let message = 0;
let person = 600;

beforeAll(async () => {
  rig = await openServiceRig();
});
afterAll(async () => {
  await rig.close();
});

const ask = (question: StaffQuestion, when = at, reminder = false) =>
  rig.services.staffChat.recordQuestion(chatId, ++message, question, when, reminder);
const standing = (operatorId: number, now: Date) => rig.services.staffChat.unansweredQuestion(chatId, operatorId, now);

describe("a question to an operator", () => {
  it("stands while its appeal can still be decided, and not once it is", async () => {
    const appeal = await rig.services.appeals.file(++person, person, anAppeal(), at, "+77011234567", `a:${person}`);
    const question: StaffQuestion = { kind: "appeal_reply", appealId: appeal.id, action: "refuse", operatorId: 900 };
    await ask(question);

    expect(await standing(900, minutes(5))).toEqual(question);
    expect(await standing(901, minutes(5))).toBeUndefined();
    await rig.services.appeals.decide(appeal.id, aigul, "refused", "Основания отсутствуют.", minutes(6));
    expect(await standing(900, minutes(7))).toBeUndefined();
  });

  it("stands for half an hour, and only until the operator was reminded of it", async () => {
    const complaint = await rig.services.complaints.file(++person, person, aComplaint(), at, `c:${person}`);
    const question: StaffQuestion = {
      kind: "complaint_reply",
      complaintId: complaint.id,
      action: "satisfy",
      operatorId: 902,
    };
    await ask(question);
    expect(await standing(902, minutes(29))).toEqual(question);
    expect(await standing(902, minutes(31))).toBeUndefined();

    await ask(question, minutes(40), true);
    expect(await standing(902, minutes(41))).toBeUndefined();
  });

  it("for a renewal, stands only while the complaint waits for one", async () => {
    const complaint = await rig.services.complaints.file(++person, person, aComplaint(), at, `c:${person}`);
    // In time: there is no term to renew.
    await ask({ kind: "complaint_reply", complaintId: complaint.id, action: "refuseRenewal", operatorId: 903 });
    expect(await standing(903, minutes(1))).toBeUndefined();
  });
});
