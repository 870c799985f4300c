// Phone: only through Telegram's "share contact" button, and only the
// person's own number (Telegram fills contact.user_id for the sender's own).
import { Keyboard } from "grammy";
import type { Question } from "../asker.ts";
import { parseOwnContact } from "../parsers.ts";
import { confirmPair } from "../registry-check.ts";
import type { Section, SectionIO } from "../section.ts";

const question = (io: SectionIO): Question => ({
  id: "phone",
  text: io.t("registration.phone.ask"),
  reply_markup: new Keyboard().requestContact(io.t("registration.phone.button")).resized().oneTime(),
});

export const phoneSection: Section = {
  entry: ["phone"],
  firstQuestion: question,
  async run(io) {
    const shared = await io.asker.askValue(question(io), { contact: parseOwnContact });
    // A phone changed from the summary is checked with the IIN already given.
    const phone = io.form.iin ? await confirmPair(io, io.form.iin, shared) : shared;
    return { kind: "done", patch: { phone } };
  },
};
