// People who filed an application through the chat, for the operators' desk
// to work on: each with their own IIN and phone, signed, its card posted in
// the staff chat.
import type { Message } from "@job-seeker/bot-api-emulator";
import type { Language } from "../../src/domain/language.ts";
import type { Harness } from "./app-harness.ts";
import { validIin } from "./iins.ts";
import { aigerim, type Person, RegistrationDriver } from "./registration-driver.ts";

export type Applicant = { driver: RegistrationDriver; person: Person; number: string };

/** The n-th applicant (n distinct in a harness) files and signs; returns them once the group has the card. */
export async function filedApplication(harness: Harness, n: number, language: Language): Promise<Applicant> {
  const driver = new RegistrationDriver(harness.user(`Заявитель ${n}`, language), language);
  const person = { ...aigerim, iin: validIin(n + 60, "female"), phone: `+7705${String(3000000 + n)}` };
  await driver.fillUpToSummary(person);
  await driver.confirmAndConsent();
  await driver.user.send(harness.sms.lastCodeFor(person.phone)!);
  await driver.user.waitFor((u) => /№ \d{4}-\d{6}/.test(u.lastText() ?? ""));
  const number = /№ (\d{4}-\d{6})/.exec(driver.user.lastText()!)?.[1];
  if (!number) throw new Error(`no receipt: ${driver.user.lastText()}`);
  await staffView(harness).waitFor(() => cardOf(harness, number) !== undefined);
  return { driver, person, number };
}

/** The staff chat as its first operator sees it. */
export function staffView(harness: Harness) {
  const staff = harness.staff;
  if (!staff) throw new Error("the harness has no staff chat: startHarness({ staff: true })");
  return staff.operators[0].in(staff.group);
}

/** The application's card in the staff chat, as it reads now. */
export function cardOf(harness: Harness, number: string): Message | undefined {
  return staffView(harness)
    .messages()
    .find((m) => m.text?.includes(`№ ${number}`) && m.reply_markup !== undefined);
}
