// The phone and the IIN are checked as a pair in the citizens' mobile
// database before anything else is asked: the one-time password that signs
// the application only ever goes to a phone registered under the IIN.
// Not registered: the person learns where to register the number and may
// share another. The registry unavailable: try again in a few minutes. What
// was typed stays in the draft either way.
import { Keyboard } from "grammy";
import { formatPhone } from "../../domain/format.ts";
import type { Question } from "./asker.ts";
import { choices } from "./keyboards.ts";
import { parseOwnContact } from "./parsers.ts";
import type { SectionIO } from "./section.ts";

/** What a check needs of a conversation: the registration's sections and the appeals' signing both have it. */
export type PairCheckIO = Pick<SectionIO, "conversation" | "asker" | "t" | "services">;

/** Returns the phone that is registered under `iin` (the one given, or another the person shared). */
export async function confirmPair(io: PairCheckIO, iin: string, phone: string): Promise<string> {
  let current = phone;
  for (;;) {
    const checked = current;
    const answer = await io.conversation.external(() => io.services.registry.check(iin, checked));
    if (answer.kind === "registered") return current;
    if (answer.kind === "not_registered") {
      current = await io.asker.askValue(notRegisteredQuestion(io, current), { contact: parseOwnContact });
    } else {
      await io.asker.askButton(unavailableQuestion(io));
    }
  }
}

function notRegisteredQuestion(io: PairCheckIO, phone: string): Question {
  return {
    id: "registry_phone",
    text: io.t("registration.registry.notRegistered", { phone: formatPhone(phone) }),
    reply_markup: new Keyboard().requestContact(io.t("registration.registry.shareAnother")).resized().oneTime(),
  };
}

function unavailableQuestion(io: PairCheckIO): Question {
  return {
    id: "registry_retry",
    text: io.t("registration.registry.unavailable"),
    reply_markup: choices("registry_retry", [{ value: "retry", label: io.t("registration.registry.retry") }]),
  };
}
