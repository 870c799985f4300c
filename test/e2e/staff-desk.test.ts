// Operators find what is before them: /queue lists open appeals and
// complaints beside applications, /find reaches a person by an appeal's or a
// complaint's number or by IIN; each look is audited and nothing of the
// person reaches the log.

import type { GroupChatSession, TestUser } from "@job-seeker/bot-api-emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatPhone } from "../../src/bot/format.ts";
import { type Harness, startHarness } from "../support/app-harness.ts";
import { validIin } from "../support/iins.ts";
import { texts } from "../support/texts.ts";

let harness: Harness;
let people = 700;
const ru = texts("ru");
const logs: string[] = [];

beforeAll(async () => {
  harness = await startHarness({ staff: true, logs });
});
afterAll(async () => {
  await harness.close();
});

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

  it("/find by an appeal's or a complaint's number shows the person's appeals and complaints, and is audited", async () => {
    const person = await appealedAndComplained();
    const before = (await findAudits()).length;
    const appealBlock = ru("staff.find.appeal", {
      number: person.appeal,
      status: ru("appealStatus.received"),
      name: person.name,
      identity: `${ru("registration.summary.iin")} ${person.iin}`,
      received: "27.11.2026 10:00",
      due: "21.12.2026",
    });
    const complainant = ru("staff.complaint.complainant", {
      name: person.name,
      iin: person.iin,
      phone: formatPhone(person.phone),
    });

    await op().send(`/find ${person.appeal}`);
    expect(op().lastText()).toContain(appealBlock);
    expect(op().lastText()).toContain(`№ ${person.complaint}`);
    expect(op().lastText()).toContain(complainant);

    // Typed on a Cyrillic layout: "С" for "C".
    await op().send(`/find ${person.complaint.replace("C", "С")}`);
    expect(op().lastText()).toContain(appealBlock);
    expect(op().lastText()).toContain(complainant);

    const audits = (await findAudits()).slice(before);
    expect(audits.map((a) => a.actorName)).toEqual(["Гүлнар Оператор", "Гүлнар Оператор"]);
    for (const audit of audits) {
      expect(audit.after).toEqual({ found: [person.appeal, person.complaint] });
      expect(JSON.stringify({ ...audit, actorId: undefined })).not.toContain(person.iin);
    }
  });

  it("/find by IIN shows the appeals and complaints filed with it, and is audited without the IIN", async () => {
    const person = await appealedAndComplained();
    const before = (await findAudits()).length;
    await op().send(`/find ${person.iin}`);
    const found = op().lastText()!;
    expect(found).toContain(`${ru.start("staff.find.appeal")}${person.appeal}`);
    expect(found).toContain(`${ru.start("staff.find.complaint")}${person.complaint}`);
    // Another person's are not there.
    expect(found).not.toContain(seen[0]!.appeal);

    const [audit] = (await findAudits()).slice(before);
    expect(audit?.after).toEqual({ found: [person.appeal, person.complaint] });
    expect(JSON.stringify({ ...audit, actorId: undefined })).not.toContain(person.iin);

    await op().send("/find 2026");
    expect(op().lastText()).toBe(ru("staff.find.usage"));
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
