// Retention of one-time passwords and form states, against storage: what
// ended more than its period ago is deleted, what is recent stays.
import { afterAll, beforeAll, expect, it } from "vitest";
import { RETENTION } from "../../src/services/retention.ts";
import { openServiceRig, type ServiceRig } from "../support/service-rig.ts";

const HOUR = 60 * 60_000;
const now = new Date("2026-12-10T06:00:00Z");
const ago = (ms: number) => new Date(now.getTime() - ms);

let rig: ServiceRig;

beforeAll(async () => {
  rig = await openServiceRig();
});

afterAll(async () => {
  await rig.close();
});

it("purges one-time passwords a day after they ended, and form states untouched for 30 days", async () => {
  const { prisma } = rig.db;
  const draft = await rig.services.registration.openDraft(901, 901, "phone");
  const challenge = (key: string, createdAt: Date, consumedAt: Date | null) => ({
    applicantId: draft.applicantId,
    purpose: "sign_application",
    phone: "+77011234567",
    codeHash: "x",
    createdAt,
    expiresAt: new Date(createdAt.getTime() + 5 * 60_000),
    consumedAt,
    requestKey: key,
  });
  await prisma.otpChallenge.createMany({
    data: [
      challenge("expired-long-ago", ago(30 * HOUR), null),
      challenge("used-long-ago", ago(2 * HOUR), ago(25 * HOUR)),
      challenge("used-today", ago(3 * HOUR), ago(2 * HOUR)),
      challenge("still-valid", ago(60_000), null),
    ],
  });
  await prisma.conversationState.createMany({
    data: [
      { key: "chat:1", pending: null, updatedAt: ago((RETENTION.conversationStateDays + 1) * 24 * HOUR) },
      { key: "chat:2", pending: null, updatedAt: ago(24 * HOUR) },
    ],
  });

  const report = await rig.services.retention.run(now);

  expect(report).toMatchObject({ otpPurged: 2, statesPurged: 1 });
  const left = await prisma.otpChallenge.findMany({ select: { requestKey: true }, orderBy: { createdAt: "asc" } });
  expect(left.map((row) => row.requestKey)).toEqual(["used-today", "still-valid"]);
  expect((await prisma.conversationState.findMany()).map((row) => row.key)).toEqual(["chat:2"]);
});
