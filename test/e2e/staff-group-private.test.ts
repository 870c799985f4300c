// Every member of the staff group, present and future, reads all it holds,
// forever, on Telegram's servers and outside our audit trail. So nothing the
// bot sends there names a person: a registration, an appeal and two
// complaints go their whole way (cards, decisions, a conversation with a
// specialist, the morning digest, the term warnings, /find, /export), and no
// text, caption, button or file the bot sent to the group holds an IIN, a
// phone, a name or an address used.

import type { GroupChatSession, TestUser } from "@job-seeker/bot-api-emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatPhone } from "../../src/domain/format.ts";
import { type Harness, STAFF_CHAT_ID, startHarness } from "../support/app-harness.ts";
import { validIin } from "../support/iins.ts";
import { writtenForms } from "../support/personal-data.ts";
import { type Person, RegistrationDriver } from "../support/registration-driver.ts";
import { texts } from "../support/texts.ts";

let harness: Harness;
const ru = texts("ru");

beforeAll(async () => {
  harness = await startHarness({ staff: true, staffAppName: "desk" });
});
afterAll(async () => {
  await harness.close();
});

const op = (): GroupChatSession => harness.staff!.operators[0].in(harness.staff!.group);

/** She registers, talks to a specialist, appeals and complains. */
const aliya: Person = {
  phone: "+77017654321",
  iin: validIin(5, "female"),
  surname: "Жақыпбекова",
  givenName: "Әлия",
  patronymic: "Серікқызы",
  position: "Экономист",
};
const aliyaAddress = "г. Шымкент, мкр. Нурсат, д. 12, кв. 34";

/** He never applied: he complains in his own words, late, typing who he is. */
const bauyrzhan = {
  fullName: "Оспанов Бауыржан Нұрланұлы",
  iin: validIin(6),
  phone: "+77059876543",
};

/** Every way the bot could write a value: as typed, as stored, as shown to the person. */

const personalData = [
  aliya.iin,
  aliya.phone,
  aliya.surname,
  aliya.givenName,
  aliya.patronymic!,
  aliyaAddress,
  "Нурсат",
  bauyrzhan.iin,
  bauyrzhan.phone,
  ...bauyrzhan.fullName.split(" "),
].flatMap(writtenForms);

/** The last message in the group whose text starts with `start`. */
async function posted(start: string) {
  await op().waitFor((s) => s.messages().some((m) => m.text?.startsWith(start)));
  return op()
    .messages()
    .filter((m) => m.text?.startsWith(start))
    .at(-1)!;
}

const press = async (card: { message_id: number }, label: string) => {
  const now = op()
    .messages()
    .find((m) => m.message_id === card.message_id)!;
  const button = now.reply_markup!.inline_keyboard.flat().find((b) => b.text === label)!;
  await op().pressData(card.message_id, button.callback_data!);
};

/** Answers the bot's question (force_reply) in the group. */
const answer = async (text: string) => op().send(text, { replyTo: op().lastMessage()! });

describe("the staff group", () => {
  let user: TestUser;
  let application: string;

  it("gets a registration's card, the conversation with a specialist, the digest and the term warnings", async () => {
    harness.clock.setAlmaty("2026-11-27T10:00");
    const driver = new RegistrationDriver(harness.user("Әлия Жақыпбекова", "ru"), "ru");
    user = driver.user;
    await driver.fillUpToSummary(aliya);
    await driver.confirmAndConsent();
    await driver.sign(harness.sms);
    application = /№ (\d{4}-\d{6})/.exec(user.lastText()!)![1]!;
    const card = await posted(ru("staff.card.title", { number: application }));
    expect(card.text).toContain(
      ru("staff.card.person", { initials: "Ж. Ә. С.", iin: `••••••••${aliya.iin.slice(-4)}` }),
    );
    // "Open" leads into the desk by an id that is not the number.
    const open = card.reply_markup!.inline_keyboard.at(-1)![0] as { text: string; url: string };
    expect(open.text).toBe(ru("staff.button.open"));
    expect(open.url).toMatch(/^https:\/\/t\.me\/jobseeker_flow_bot\/desk\?startapp=a_[0-9a-f]{32}_[\w-]{22}$/);
    expect(open.url).not.toContain(application.replace("-", ""));

    // Her Telegram name is her name; she types her IIN and phone to the specialist.
    await user.send("/operator");
    const thread = await posted(ru("staff.thread.title", { person: "Ә. Ж." }));
    await user.send(`Мой ИИН ${aliya.iin}, телефон ${formatPhone(aliya.phone)}. Когда будет решение?`);
    const relayed = await posted(ru.start("staff.thread.fromApplicant"));
    expect(relayed.text).toContain(`••••••••${aliya.iin.slice(-4)}`);
    expect(relayed.text).toContain(ru("staff.thread.masked"));
    await op().send("Сегодня до 18:30.", { replyTo: relayed });
    await user.waitFor((u) => u.lastText() === ru("operator.answer", { text: "Сегодня до 18:30." }));
    await press(thread, ru("staff.button.closeThread"));
    await user.waitFor((u) => u.lastText() === ru("operator.closed"));

    // Undecided over the weekend: Monday's digest, then the warnings with the card again.
    for (const time of ["2026-11-30T09:00", "2026-11-30T16:30", "2026-11-30T18:30"]) {
      harness.clock.setAlmaty(time);
      await harness.app.runScheduledWork();
      await harness.app.runScheduledWork();
    }
    await posted(ru.start("staff.digest.title"));
    await posted(ru.start("staff.escalation.due_soon"));
    const overdue = await posted(ru.start("staff.escalation.overdue"));
    expect(overdue.reply_markup?.inline_keyboard.flat().map((b) => b.text)).toContain(ru("staff.button.open"));

    // Refused with a ground and a comment from the card's buttons.
    await press(card, ru("staff.button.refuse"));
    await op().press(ru("staff.ground.non_compliant_information"));
    await answer("Сведения об образовании не подтверждены.");
    await user.waitFor((u) => (u.lastText() ?? "").startsWith(ru.start("decision.refused") + application));
  });

  it("gets an appeal's card without the address or the text, and its decision", async () => {
    harness.clock.setAlmaty("2026-12-01T10:00");
    await user.send("/appeal");
    await user.press(ru("appeal.useKnown", { value: `${aliya.surname} ${aliya.givenName} ${aliya.patronymic}` }));
    await user.press(ru("appeal.kindNatural"));
    await user.press(ru("appeal.useKnown", { value: aliya.iin }));
    await user.send(aliyaAddress);
    await user.press(ru("appeal.body.service_provider"));
    await user.send("Прошу пересмотреть отказ: диплом Шымкентского университета приложен.");
    await user.press(ru("appeal.sign"));
    await user.send(harness.sms.lastCode());
    const appeal = /№ (A-\d{4}-\d{6})/.exec(user.lastText()!)![1]!;
    const card = await posted(ru("staff.appeal.title", { number: appeal }));
    expect(card.text).not.toContain("диплом");

    await press(card, ru("staff.appeal.satisfy"));
    await answer("Диплом подтверждён, заявление будет рассмотрено повторно.");
    await user.waitFor((u) => (u.lastText() ?? "").startsWith(ru.start("appeal.changed.satisfied")));
  });

  it("gets the complaints' cards, one against the refusal and one late in a person's own words", async () => {
    harness.clock.setAlmaty("2026-12-02T10:00");
    await user.send("/complaint");
    await user.press(ru("complaint.subjectOf.application", { number: application }));
    await user.press(ru("complaint.today"));
    await user.send("Отказ принят без учёта моего диплома.");
    await user.press(ru("appeal.sign"));
    await user.send(harness.sms.lastCode());
    const first = /№ (C-\d{4}-\d{6})/.exec(user.lastText()!)![1]!;
    const firstCard = await posted(ru("staff.complaint.title", { number: first }));
    expect(firstCard.text).toContain(ru("staff.complaint.subject", { subject: `№ ${application}` }));

    const him = harness.user("Бауыржан", "ru");
    await him.send("/start");
    await him.press("Русский");
    await him.send("/complaint");
    await him.send(bauyrzhan.fullName);
    await him.send(`Специалист по адресу ${aliyaAddress} не принял документы`);
    await him.send("01.07.2026");
    await him.send("Находился на лечении в больнице.");
    await him.send("Прошу принять мои документы и дать ответ.");
    await him.press(ru("appeal.sign"));
    await him.send(bauyrzhan.iin);
    await him.shareContact({ phone: bauyrzhan.phone });
    await him.send(harness.sms.lastCode());
    const second = /№ (C-\d{4}-\d{6})/.exec(him.lastText()!)![1]!;
    const secondCard = await posted(ru("staff.complaint.title", { number: second }));
    expect(secondCard.text).toContain(ru("staff.complaint.subject", { subject: ru("staff.complaint.subjectInWords") }));
    expect(secondCard.text).toContain(
      ru("staff.card.person", { initials: "О. Б. Н.", iin: `••••••••${bauyrzhan.iin.slice(-4)}` }),
    );

    await press(secondCard, ru("staff.complaint.renew"));
    await press(secondCard, ru("staff.appeal.refuse"));
    await answer("Документы были приняты 10.07.2026.");
    await him.waitFor((u) => (u.lastText() ?? "").startsWith(ru.start("complaint.changed.refused")));
  });

  it("answers /find and /export with a link into the desk, /queue with numbers", async () => {
    await op().send(`/find ${aliya.iin}`);
    expect(op().lastText()).toBe(ru("staff.find.inDesk"));
    await op().send("/export 01.11.2026 31.12.2026");
    expect(op().lastText()).toBe(ru("staff.export.inDesk"));
    await op().send("/queue");
    expect(op().lastText()).toContain(ru("staff.queue.title"));
  });

  it("has received nothing from the bot that names a person: no text, caption, button or file", () => {
    const toGroup = harness.emulator.calls.filter((call) => call.chatId === STAFF_CHAT_ID);
    // Cards, their edits, questions, relays, warnings, the digest and the toasts of pressed buttons.
    expect(toGroup.filter((call) => call.method === "sendMessage").length).toBeGreaterThan(20);
    expect(toGroup.filter((call) => call.method === "editMessageText").length).toBeGreaterThan(3);
    expect(toGroup.filter((call) => call.method === "sendDocument")).toEqual([]);
    const found = toGroup.flatMap((call) => {
      const sent = JSON.stringify(call.params);
      return personalData.filter((value) => sent.includes(value)).map((value) => `${call.method}: ${value}`);
    });
    expect(found).toEqual([]);
  });
});
