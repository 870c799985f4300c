// Operators find what is before them: /queue lists open appeals and
// complaints beside applications; the search the desk runs (the staff chat's
// /find only links there) reaches a person by an appeal's or a complaint's
// number or by IIN; each look is audited and nothing of the person reaches
// the log.

import type { GroupChatSession, TestUser } from "@job-seeker/bot-api-emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, servicesOf, startHarness } from "../support/app-harness.ts";
import { validIin } from "../support/iins.ts";
import { texts } from "../support/texts.ts";

let harness: Harness;
let people = 700;
const ru = texts("ru");
const logs: string[] = [];

beforeAll(async () => {
  harness = await startHarness({ staff: true, staffAppName: "desk", logs });
});
afterAll(async () => {
  await harness.close();
});

/** An operator at the desk. */
const operator = { id: 1, name: "Гүлнар Оператор" };
const op = (): GroupChatSession => harness.staff!.operators[0].in(harness.staff!.group);

type Person = { user: TestUser; name: string; iin: string; phone: string; appeal: string; complaint: string };
const seen: Person[] = [];

/** Someone who never applied here: appeals (signed with their IIN), then complains about it. */
async function appealedAndComplained(): Promise<Person> {
  const n = ++people;
  const person = { name: `Ахметов Серик ${"а".repeat(n % 5)}`, iin: validIin(n), phone: `+7707${1000000 + n}` };
  const user = harness.user(`Заявитель ${n}`, "ru");
  await user.send("/start");
  await user.press("Русский");

  await user.send("/appeal");
  await user.send(person.name);
  await user.press(ru("appeal.kindNatural"));
  await user.send(person.iin);
  await user.send("г. Караганда, ул. Ерубаева, 5");
  await user.press(ru("appeal.body.service_provider"));
  await user.send("Прошу разъяснить порядок подтверждения трудового стажа.");
  await user.press(ru("appeal.sign"));
  await user.shareContact({ phone: person.phone });
  await user.send(harness.sms.lastCode());
  const appeal = /№ (A-\d{4}-\d{6})/.exec(user.lastText()!)![1]!;

  await user.send("/complaint");
  await user.send(person.name);
  await user.send(`Нет ответа на обращение № ${appeal}`);
  await user.press(ru("complaint.today"));
  await user.send("Прошу рассмотреть обращение в срок.");
  await user.press(ru("appeal.sign"));
  await user.send(person.iin);
  await user.send(harness.sms.lastCode());
  const complaint = /№ (C-\d{4}-\d{6})/.exec(user.lastText()!)![1]!;
  await op().waitFor((s) => s.messages().some((m) => m.text?.includes(`№ ${complaint}`)));
  const filed = { ...person, user, appeal, complaint };
  seen.push(filed);
  return filed;
}

const findAudits = () =>
  harness.app.database.prisma.auditEntry.findMany({ where: { action: "staff.find" }, orderBy: { at: "asc" } });

describe("the staff desk", () => {
  it("/queue lists open appeals and complaints beside applications", async () => {
    harness.clock.setAlmaty("2026-11-27T10:00");
    const { appeal, complaint } = await appealedAndComplained();
    await op().send("/queue");
    const queue = op().lastText()!;
    expect(queue).toContain(ru("staff.queue.title"));
    expect(queue).toContain(
      ru("staff.queue.appeal", {
        number: appeal,
        received: "27.11.2026 10:00",
        due: "21.12.2026",
        status: ru("appealStatus.received"),
      }),
    );
    expect(queue).toContain(
      ru("staff.queue.complaint", {
        number: complaint,
        received: "27.11.2026 10:00",
        due: "04.12.2026",
        status: ru("complaintStatus.received"),
      }),
    );
  });

  it("/find in the group gives a link into the desk and no data", async () => {
    const person = await appealedAndComplained();
    await op().send(`/find ${person.appeal}`);
    expect(op().lastText()).toBe(ru("staff.find.inDesk"));
    const [[open]] = op().lastMessage()!.reply_markup!.inline_keyboard as [[{ text: string; url: string }]];
    expect(open.text).toBe(ru("staff.button.openDesk"));
    expect(open.url).toBe("https://t.me/jobseeker_flow_bot/desk?startapp=find");
    await op().send("/export 01.11.2026 30.11.2026");
    expect(op().lastText()).toBe(ru("staff.export.inDesk"));
    expect((op().lastMessage()!.reply_markup!.inline_keyboard[0]![0] as { url: string }).url).toBe(
      "https://t.me/jobseeker_flow_bot/desk?startapp=export",
    );
    expect(
      op()
        .messages()
        .filter((m) => m.document),
    ).toEqual([]);
  });

  it("the desk's search by an appeal's or a complaint's number finds the person's appeals and complaints, audited", async () => {
    const person = await appealedAndComplained();
    const before = (await findAudits()).length;
    const find = (query: string) => servicesOf(harness).staffRecords.find(query, operator, harness.clock.now());

    const byAppeal = await find(person.appeal);
    expect(byAppeal?.appeals.map((a) => [a.number, a.content.fullName, a.content.identity])).toEqual([
      [
        person.appeal,
        person.name,
        { kind: "natural", iin: person.iin, postalAddress: "г. Караганда, ул. Ерубаева, 5" },
      ],
    ]);
    expect(byAppeal?.complaints.map((c) => [c.number, c.complainant])).toEqual([
      [person.complaint, { fullName: person.name, iin: person.iin, phone: person.phone }],
    ]);
    // Typed on a Cyrillic layout: "С" for "C".
    const byComplaint = await find(person.complaint.replace("C", "С"));
    expect(byComplaint?.appeals.map((a) => a.number)).toEqual([person.appeal]);

    const audits = (await findAudits()).slice(before);
    expect(audits.map((a) => a.actorName)).toEqual([operator.name, operator.name]);
    for (const audit of audits) {
      expect(audit.after).toEqual({ found: [person.appeal, person.complaint] });
      expect(JSON.stringify({ ...audit, actorId: undefined })).not.toContain(person.iin);
    }
  });

  it("the desk's search by IIN finds the appeals and complaints filed with it, audited without the IIN", async () => {
    const person = await appealedAndComplained();
    const before = (await findAudits()).length;
    const found = await servicesOf(harness).staffRecords.find(person.iin, operator, harness.clock.now());
    expect(found?.appeals.map((a) => a.number)).toEqual([person.appeal]);
    expect(found?.complaints.map((c) => c.number)).toEqual([person.complaint]);
    // Another person's are not there.
    expect(found?.appeals.map((a) => a.number)).not.toContain(seen[0]!.appeal);

    const [audit] = (await findAudits()).slice(before);
    expect(audit?.after).toEqual({ found: [person.appeal, person.complaint] });
    expect(JSON.stringify({ ...audit, actorId: undefined })).not.toContain(person.iin);

    expect(await servicesOf(harness).staffRecords.find("2026", operator, harness.clock.now())).toBeUndefined();
  });

  it("writes nothing of the people it served to the log", () => {
    expect(logs.length).toBeGreaterThan(0);
    const log = logs.join("\n");
    for (const person of seen) {
      const inLog = [person.name, person.iin, person.phone, person.phone.slice(1)].filter((value) =>
        log.includes(value),
      );
      expect(inLog).toEqual([]);
    }
  });
});
