// A complaint: received even when late (the body decides on renewing the
// term), considered within 5 working days, with the court after it.

import type { GroupChatSession, Message, TestUser } from "@job-seeker/bot-api-emulator";
import { afterAll, beforeAll, expect, it } from "vitest";
import { formatPhone } from "../../src/domain/format.ts";
import { type Harness, startHarness } from "../support/app-harness.ts";
import { validIin } from "../support/iins.ts";
import { aigerim, RegistrationDriver } from "../support/registration-driver.ts";
import { texts } from "../support/texts.ts";

let harness: Harness;
let people = 300;
const ru = texts("ru");

beforeAll(async () => {
  harness = await startHarness({ staff: true });
});
afterAll(async () => {
  await harness.close();
});

const op = (): GroupChatSession => harness.staff!.operators[1].in(harness.staff!.group);
const button = (card: Message, label: string) =>
  card.reply_markup!.inline_keyboard.flat().find((b) => b.text === label)!.callback_data!;
const cardNow = (card: Message) =>
  op()
    .messages()
    .find((m) => m.message_id === card.message_id)!;

async function fileComplaint(learned: "today" | string): Promise<{ user: TestUser; number: string; card: Message }> {
  const user = harness.user(`Жалобщик ${++people}`, "ru");
  await user.send("/start");
  await user.press("Русский");
  await user.send("/complaint");
  expect(user.messages().at(-2)?.text).toBe(ru("complaint.intro"));
  // Never applied here: the name is asked.
  expect(user.lastText()).toBe(ru("appeal.fullName"));
  await user.send(`Жалобщиков Номер${people}`);
  await user.send("Бездействие карьерного центра по моему заявлению");
  if (learned === "today") await user.press(ru("complaint.today"));
  else await user.send(learned);
  if (learned !== "today") {
    expect(user.lastText()).toBe(ru("complaint.late", { ended: "01.10.2026" }));
    await user.send("Находился на лечении в больнице.");
  }
  await user.send("Прошу рассмотреть моё заявление и дать ответ.");
  await user.press(ru("appeal.sign"));
  // Never applied here: the signer's IIN is asked for the registry check.
  expect(user.lastText()).toBe(ru("appeal.signerIin"));
  await user.send(validIin(people));
  // The phone is asked for signing the complaint (not as the form's step 1), and the code names the complaint.
  expect(user.lastText()).toBe(ru("complaint.phone"));
  const phone = `+7705${String(1000000 + people)}`;
  await user.shareContact({ phone });
  expect(user.lastText()).toBe(ru("registration.otp.ask.sign_complaint", { phone: formatPhone(phone), length: 6 }));
  const code = harness.sms.lastCode();
  expect(harness.sms.sent.at(-1)?.text).toBe(ru("registration.otp.sms.sign_complaint", { code, minutes: 5 }));
  expect(harness.sms.sent.at(-1)?.text).not.toBe(ru("registration.otp.sms.sign_application", { code, minutes: 5 }));
  await user.send(code);
  const number = /№ (C-\d{4}-\d{6})/.exec(user.lastText()!)![1]!;
  await op().waitFor((s) => s.messages().some((m) => m.text?.includes(`№ ${number}`)));
  return {
    user,
    number,
    card: op()
      .messages()
      .find((m) => m.text?.includes(`№ ${number}`))!,
  };
}

it("filed after the 3-month window is received, its term is renewed by the body, and it is then decided", async () => {
  harness.clock.setAlmaty("2026-11-27T10:00");
  const { user, number, card } = await fileComplaint("01.07.2026");
  expect(user.lastText()).toBe(ru("complaint.receiptLate", { number, receivedAt: "27.11.2026 10:00" }));
  // The card says it is late; the reason, like the essence, is read in the desk, never in the group.
  expect(card.text).toContain(ru("staff.complaint.late", { learned: "01.07.2026" }));
  expect(card.text).not.toContain("Находился на лечении в больнице.");
  expect(card.text).not.toContain("Прошу рассмотреть моё заявление");
  // Who complained: initials and the last 4 digits of the IIN the complaint was signed with, no phone.
  expect(card.text).toContain(
    ru("staff.card.person", { initials: "Ж. Н.", iin: `••••••••${validIin(people).slice(-4)}` }),
  );
  expect(card.text).not.toContain(validIin(people));
  expect(card.text).not.toContain(formatPhone(`+7705${String(1000000 + people)}`));

  await op().pressData(card.message_id, button(card, ru("staff.complaint.renew")));
  // Renewed on Friday 27.11: 5 working days → Friday 04.12.2026.
  await user.waitFor((u) => u.lastText() === ru("complaint.changed.received", { number, dueDate: "04.12.2026" }));
  expect(op().lastText()).toBe(ru("staff.complaint.done", { number }));

  expect(card.text).toContain(ru("staff.card.language", { language: ru("staff.languageName.ru") }));
  await op().pressData(card.message_id, button(cardNow(card), ru("staff.appeal.refuse")));
  expect(op().lastText()).toContain(ru("staff.readsIn.ru"));
  await op().send("Бездействие не установлено: ответ был направлен 15.07.2026.", { replyTo: op().lastMessage()! });
  await user.waitFor((u) => (u.lastText() ?? "").startsWith(ru.start("complaint.changed.refused") + number));
  // The staff chat calls it a complaint after its decision too, never an appeal.
  const aboutIt = op()
    .messages()
    .filter((m) => m.text?.includes(number));
  expect(aboutIt.filter((m) => m.text === ru("staff.complaint.done", { number }))).toHaveLength(2);
  expect(aboutIt.filter((m) => m.text?.includes("Обращение"))).toEqual([]);
  expect(user.lastText()).toContain(
    ru("complaint.changed.refused", { number, note: "Бездействие не установлено: ответ был направлен 15.07.2026." }),
  );
  await user.send("/status");
  expect(user.lastText()).toContain(
    ru("status.complaintClosed", { number, status: ru("complaintStatus.refused"), received: "27.11.2026 10:00" }),
  );
});

it("filed in time is considered within 5 working days and can be satisfied", async () => {
  harness.clock.setAlmaty("2026-12-14T11:00");
  const { user, number, card } = await fileComplaint("today");
  // Received Monday 14.12: 15, 17, 18, 21, 22 December (16.12, Independence Day, off) → 22.12.2026.
  expect(user.lastText()).toBe(
    ru("complaint.receipt", { number, receivedAt: "14.12.2026 11:00", dueDate: "22.12.2026" }),
  );
  await op().pressData(card.message_id, button(card, ru("staff.appeal.satisfy")));
  await op().send("Заявление будет рассмотрено повторно.", { replyTo: op().lastMessage()! });
  await user.waitFor(
    (u) =>
      u.lastText() === ru("complaint.changed.satisfied", { number, note: "Заявление будет рассмотрено повторно." }),
  );
});

it("counts as refused when its term passes without a decision, and the person is told they may go to court", async () => {
  harness.clock.setAlmaty("2026-12-14T11:00");
  const { user, number } = await fileComplaint("today");
  harness.clock.setAlmaty("2026-12-22T23:00");
  await harness.app.runScheduledWork();
  expect(user.lastText()).not.toContain(ru.start("complaint.silence"));
  harness.clock.setAlmaty("2026-12-23T00:00");
  await harness.app.runScheduledWork();
  await user.waitFor((u) => u.lastText() === ru("complaint.silence", { number, dueDate: "22.12.2026" }));
  await op().waitFor((s) =>
    s.messages().some((m) => m.text === ru("staff.overdue.complaint", { number, dueDate: "22.12.2026" })),
  );
});

it("is in the staff chat's morning digest on the working days its term ends", async () => {
  harness.clock.setAlmaty("2026-12-14T11:00");
  const { number } = await fileComplaint("today");
  harness.clock.setAlmaty("2026-12-21T09:00");
  await harness.app.runScheduledWork();
  await op().waitFor((s) =>
    s
      .messages()
      .some(
        (m) =>
          m.text?.startsWith(ru.start("staff.digest.title")) &&
          m.text.includes(ru("staff.digest.complaint", { number, due: "22.12.2026" })),
      ),
  );
});

it("reminds a refused applicant a week before the window closes, 3 months from the day they learned of the refusal", async () => {
  // Friday 15.01.2027; the person learns of the refusal the same day.
  harness.clock.setAlmaty("2027-01-15T10:00");
  const driver = new RegistrationDriver(harness.user(`Заявитель ${++people}`, "ru"), "ru");
  await driver.fillUpToSummary({ ...aigerim, iin: validIin(people), phone: `+7702${String(1000000 + people)}` });
  await driver.confirmAndConsent();
  await driver.user.send(harness.sms.lastCode());
  const number = /№ (\d{4}-\d{6})/.exec(driver.user.lastText()!)![1]!;
  await op().waitFor((s) => s.messages().some((m) => m.text?.includes(`№ ${number}`)));
  const card = op()
    .messages()
    .find((m) => m.text?.includes(`№ ${number}`))!;
  await op().pressData(card.message_id, button(card, ru("staff.button.refuse")));
  await op().press(ru("staff.ground.non_compliant_information"));
  await op().send("Сведения об опыте работы не подтверждены.", { replyTo: op().lastMessage()! });
  await driver.user.waitFor((u) => (u.lastText() ?? "").startsWith(ru.start("decision.refused") + number));

  // 3 months from 15.01.2027: Thursday 15.04.2027; a week before, at 09:00.
  harness.clock.setAlmaty("2027-04-08T09:00");
  await harness.app.runScheduledWork();
  const reminder = ru("complaint.windowClosing.application", { number, ends: "15.04.2027" });
  await driver.user.waitFor((u) => u.messages().some((m) => m.text === reminder));
  expect(reminder).toContain("со дня, когда Вам стало известно о решении");
});

it("a wrong date, a too short essence and the late reason on the check screen", async () => {
  harness.clock.setAlmaty("2026-11-27T10:00");
  const user = harness.user(`Жалобщик ${++people}`, "ru");
  await user.send("/start");
  await user.press("Русский");
  await user.send("/complaint");
  await user.send(`Жалобщиков Номер${people}`);
  await user.send("Бездействие карьерного центра по моему заявлению");

  await user.send("31.02.2026");
  expect(user.lastText()).toContain(ru("complaint.noSuchDate"));
  await user.send("28.12.2026");
  expect(user.lastText()).toContain(ru("complaint.futureDate"));
  await user.send("в июле");
  expect(user.lastText()).toContain(ru("complaint.badDate"));
  await user.send("1.7.2026");
  expect(user.lastText()).toBe(ru("complaint.late", { ended: "01.10.2026" }));
  await user.send("Находился на лечении в больнице.");

  expect(user.lastText()).toBe(ru("complaint.essence", { min: 10, max: 1000 }));
  await user.send("Плохо");
  expect(user.lastText()).toContain(ru("registration.errors.tooShort", { min: 10 }));
  await user.send("Прошу рассмотреть моё заявление и дать ответ.");
  expect(user.lastText()).toContain(ru("complaint.checkLateReason", { reason: "Находился на лечении в больнице." }));
  expect(user.lastText()).toContain("01.07.2026");
});
