// Operators work on appeals in the staff chat: satisfy or refuse with a
// reasoning, refer within 3 working days, extend within 2 months; the
// applicant is told each time, and silence follows the extended term.

import type { GroupChatSession, Message, TestUser } from "@job-seeker/bot-api-emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, startHarness } from "../support/app-harness.ts";
import { validIin } from "../support/iins.ts";
import { texts } from "../support/texts.ts";

let harness: Harness;
let people = 100;
const ru = texts("ru");

beforeAll(async () => {
  harness = await startHarness({ staff: true });
});
afterAll(async () => {
  await harness.close();
});

const op = (): GroupChatSession => harness.staff!.operators[0].in(harness.staff!.group);

/** Files an appeal by typing everything (nothing known yet), and returns its card in the staff chat. */
async function filedAppeal(): Promise<{ user: TestUser; number: string; card: Message }> {
  const user = harness.user(`Заявитель ${++people}`, "ru");
  await user.send("/start");
  await user.press("Русский");
  await user.send("/appeal");
  await user.send("Иванов Иван Иванович");
  await user.press(ru("appeal.kindNatural"));
  await user.send(validIin(people));
  await user.send("г. Астана, ул. Кенесары, 10");
  await user.press(ru("appeal.body.service_provider"));
  await user.send("Прошу пересмотреть отказ в регистрации в качестве лица, ищущего работу.");
  await user.press(ru("appeal.sign"));
  await user.shareContact({ phone: `+7702${String(1000000 + people)}` });
  await user.send(harness.sms.lastCode());
  const number = /№ (A-\d{4}-\d{6})/.exec(user.lastText()!)![1]!;
  await op().waitFor((s) => s.messages().some((m) => m.text?.includes(`№ ${number}`)));
  return {
    user,
    number,
    card: op()
      .messages()
      .find((m) => m.text?.includes(`№ ${number}`))!,
  };
}

const cardNow = (card: Message) =>
  op()
    .messages()
    .find((m) => m.message_id === card.message_id)!;
const button = (card: Message, label: string) =>
  card.reply_markup!.inline_keyboard.flat().find((b) => b.text === label)!.callback_data!;

describe("an appeal in the staff chat", () => {
  it("arrives as a card and is satisfied with a reasoning; the applicant is told", async () => {
    harness.clock.setAlmaty("2026-11-27T10:00");
    const { user, number, card } = await filedAppeal();
    // Initials and the IIN's last 4 digits: the name, the address and the essence are read in the desk.
    expect(card.text).toContain(
      ru("staff.card.person", { initials: "И. И. И.", iin: `••••••••${validIin(people).slice(-4)}` }),
    );
    for (const personal of ["Иванов", validIin(people), "Кенесары", "Прошу пересмотреть"])
      expect(card.text).not.toContain(personal);
    expect(card.text).toContain(ru("staff.appeal.due", { date: "21.12.2026" }));
    expect(card.text).toContain(ru("staff.card.language", { language: ru("staff.languageName.ru") }));
    await op().pressData(card.message_id, button(card, ru("staff.appeal.satisfy")));
    expect(op().lastText()).toContain(ru("staff.readsIn.ru"));
    await op().send("Отказ отменён, заявление будет рассмотрено повторно.", { replyTo: op().lastMessage()! });
    await user.waitFor(
      (u) =>
        u.lastText() ===
        ru("appeal.changed.satisfied", { number, note: "Отказ отменён, заявление будет рассмотрено повторно." }),
    );
    expect(cardNow(card).reply_markup).toBeUndefined();
    expect(cardNow(card).text).toContain(ru("appealStatus.satisfied"));
    await op().pressData(card.message_id, button(card, ru("staff.appeal.refuse")));
    expect(op().lastCallbackAnswer()?.text).toBe(
      ru("staff.appeal.notOpen", { number, status: ru("appealStatus.satisfied") }),
    );
  });

  it("is referred to the competent body within 3 working days, not after", async () => {
    harness.clock.setAlmaty("2026-11-27T10:00");
    const late = await filedAppeal();
    const { user, number, card } = await filedAppeal();
    await op().pressData(card.message_id, button(card, ru("staff.appeal.refer")));
    await op().press(ru("appeal.body.ministry_of_labour"));
    await user.waitFor(
      (u) => u.lastText() === ru("appeal.changed.referred", { number, body: ru("appeal.body.ministry_of_labour") }),
    );

    // Received Friday 27.11: 30.11, 1.12, 2.12 are the 3 working days.
    harness.clock.setAlmaty("2026-12-03T09:00");
    await op().pressData(late.card.message_id, button(late.card, ru("staff.appeal.refer")));
    await op().press(ru("appeal.body.ministry_of_labour"));
    expect(op().lastCallbackAnswer()?.text).toBe(ru("staff.appeal.referLate", { number: late.number }));
  });

  it("is extended by at most 2 months, and then falls silent only after the new term", async () => {
    harness.clock.setAlmaty("2026-11-27T10:00");
    const { user, number, card } = await filedAppeal();
    await op().pressData(card.message_id, button(card, ru("staff.appeal.extend")));
    await op().send("23.02.2027 нужны сведения из другого органа", { replyTo: op().lastMessage()! });
    expect(op().lastText()).toBe(ru("staff.appeal.extension.beyond_limit", { limit: "22.02.2027" }));
    await op().pressData(card.message_id, button(card, ru("staff.appeal.extend")));
    await op().send("29.01.2027 нужны сведения из другого органа", { replyTo: op().lastMessage()! });
    await user.waitFor(
      (u) =>
        u.lastText() ===
        ru("appeal.changed.extended", { number, dueDate: "29.01.2027", note: "нужны сведения из другого органа" }),
    );

    harness.clock.setAlmaty("2026-12-22T00:00");
    await harness.app.runScheduledWork();
    expect(user.lastText()).not.toContain(ru.start("appeal.silence"));
    harness.clock.setAlmaty("2027-01-30T00:00");
    await harness.app.runScheduledWork();
    await user.waitFor((u) => u.lastText() === ru("appeal.silence", { number, dueDate: "29.01.2027" }));
  });
});

describe("an appeal that misses a requirement", () => {
  it("is put right by the applicant in the bot, then decided", async () => {
    harness.clock.setAlmaty("2026-11-27T10:00");
    const { user, number, card } = await filedAppeal();
    await op().pressData(card.message_id, button(card, ru("staff.appeal.lacking")));
    // The operator answers with numbers: the applicant reads the requirements in their own language.
    expect(op().lastText()).not.toContain(ru("staff.readsIn.ru"));
    await op().send("3 / 40", { replyTo: op().lastMessage()! });
    expect(op().lastText()).toBe(ru("staff.appeal.badLacking"));
    await op().pressData(card.message_id, button(card, ru("staff.appeal.lacking")));
    await op().send("3", { replyTo: op().lastMessage()! });
    // Marked on Friday 27.11: 3 working days → Wednesday 02.12.2026.
    await user.waitFor((u) => (u.lastText() ?? "").startsWith(ru.start("appeal.changed.non_compliant")));
    expect(user.lastText()).toContain(ru("appeal.requirement.postal_address"));
    expect(user.lastText()).toContain("02.12.2026");

    harness.clock.setAlmaty("2026-12-01T09:00");
    await harness.app.runScheduledWork();
    await user.waitFor((u) => u.lastText() === ru("appeal.fixReminder", { number, fixBy: "02.12.2026" }));

    await user.press(ru("appeal.fix.button"));
    expect(user.messages().at(-2)?.text).toBe(ru("appeal.fix.intro", { number }));
    expect(user.lastText()).toBe(ru("appeal.address"));
    await user.send("г. Астана, ул. Кенесары, 10, кв. 7");
    expect(user.lastText()).toContain("кв. 7");
    await user.press(ru("appeal.sign"));
    await user.send(harness.sms.lastCode());
    await user.waitFor((u) => u.messages().some((m) => m.text === ru("appeal.fix.done", { number })));
    await op().waitFor((s) => s.messages().some((m) => m.text === ru("staff.appeal.putRight", { number })));
    expect(cardNow(card).text).toContain(ru("appealStatus.received"));

    await op().pressData(card.message_id, button(cardNow(card), ru("staff.appeal.refuse")));
    await op().send("Основания для пересмотра отсутствуют.", { replyTo: op().lastMessage()! });
    await user.waitFor((u) => (u.lastText() ?? "").startsWith(ru.start("appeal.changed.refused") + number));
    // The refusal explains the complaint route, and offers it.
    await user.press(ru("complaint.button"));
    expect(user.messages().at(-2)?.text).toBe(ru("complaint.intro"));
  });
});
