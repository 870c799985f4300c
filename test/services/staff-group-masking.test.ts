// Masking what older versions posted in the staff group, against storage
// without Telegram: one instance at a time holds the task, the next goes on
// from where a stopped one got, and it is done once in all; the plan takes
// only the messages the bot can still reach.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MaskingReport } from "../../src/services/staff-group-masking.ts";
import { aComplaint, aForm } from "../support/fixtures.ts";
import { openServiceRig, type ServiceRig } from "../support/service-rig.ts";

const chatId = -1001000000777;
const supergroupId = -1001000000888;
const at = new Date("2026-11-27T05:00:00Z");
const LEASE = 60_000;

let rig: ServiceRig;

beforeAll(async () => {
  rig = await openServiceRig();
});
afterAll(async () => {
  await rig.close();
});

const masking = () => rig.services.staffGroupMasking;
const progressed = (lastMessageId: number): MaskingReport => ({
  lastMessageId,
  rendered: lastMessageId,
  unchanged: 0,
  deleted: 0,
  gone: 0,
  remaining: 0,
  notReached: 0,
});

describe("planning", () => {
  let application: string;
  let complaint: string;

  it("renders the recorded cards, deletes the relays and keeps to the recorded chat", async () => {
    application = (await rig.submitApplication(701, aForm({ iin: "900101300017" }), at)).applicationId;
    await rig.services.staffCards.posted("application", application, 11);
    await rig.services.staffChat.recordPost(chatId, 11, { kind: "application_card", applicationId: application });
    complaint = (await rig.services.complaints.file(702, 702, aComplaint(), at, "c:702")).id;
    // Complaint cards were never recorded as posts: only on their row.
    await rig.services.staffCards.posted("complaint", complaint, 12);
    const thread = (await rig.services.support.open(701, 701, at)).view.thread.id;
    await rig.services.staffChat.recordPost(chatId, 13, { kind: "thread_message", threadId: thread });
    await rig.services.staffChat.recordPost(chatId, 14, { kind: "due_warning", applicationId: application });
    await rig.services.staffChat.recordQuestion(
      chatId,
      15,
      { kind: "refusal_comment", applicationId: application, ground: "non_compliant_information", operatorId: 9 },
      at,
    );

    expect(await masking().plan(chatId)).toEqual({
      chatId,
      steps: [
        { action: "render", messageId: 11, subject: "application", id: application },
        { action: "render", messageId: 12, subject: "complaint", id: complaint },
        { action: "delete", messageId: 13 },
        { action: "delete", messageId: 14, orElse: { subject: "application", id: application } },
      ],
      notReached: 0,
    });
  });

  it("leaves the messages of a group that became a supergroup, and the cards known only by their row", async () => {
    await rig.services.staffChat.migrate(chatId, supergroupId);
    const plan = await masking().plan(supergroupId);
    // The application's card, the relay and the warning, recorded in the old group (the open cases'
    // cards are posted again in the new one, masked).
    expect(plan).toEqual({ chatId: supergroupId, steps: [], notReached: 3 });
  });
});

describe("the task", () => {
  it("is held by one instance at a time, and the next goes on from where a stopped one got", async () => {
    expect(await masking().claim("a", LEASE)).toEqual(progressed(0));
    expect(await masking().claim("b", LEASE)).toBeUndefined();
    expect(await masking().state()).toEqual({ over: false });

    expect(await masking().progress("a", LEASE, progressed(5))).toBe(true);
    await masking().release("a", progressed(7));
    expect(await masking().claim("b", LEASE)).toEqual(progressed(7));
    // "a" lost it: its progress is refused, so it stops.
    expect(await masking().progress("a", LEASE, progressed(8))).toBe(false);
    expect(await masking().finish("a", progressed(8))).toBe(false);
  });

  it("is taken over when its lease runs out (the instance died)", async () => {
    expect(await masking().claim("c", LEASE)).toBeUndefined();
    expect(await masking().progress("b", 1, progressed(9))).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await masking().claim("c", LEASE)).toEqual(progressed(9));
  });

  it("is done once in all, its report kept", async () => {
    expect(await masking().finish("c", { ...progressed(12), remaining: 2 })).toBe(true);
    expect(await masking().claim("d", LEASE)).toBeUndefined();
    expect(await masking().state()).toEqual({ over: true, report: { ...progressed(12), remaining: 2 } });
  });
});
