// Phone: only through Telegram's "share contact" button, and only the
// person's own number (Telegram fills contact.user_id for the sender's own).
import { Keyboard } from "grammy";
import type { Question } from "../asker.ts";
import { normalizePhone } from "../parsers.ts";
import type { Section, SectionIO } from "../section.ts";

const question = (io: SectionIO): Question => ({
  id: "phone",
  text: io.t("registration.phone.ask"),
  reply_markup: new Keyboard().requestContact(io.t("registration.phone.button")).resized().oneTime(),
});

export const phoneSection: Section = {
  entry: "phone",
  firstQuestion: question,
  async run(io) {
    const phone = await io.asker.askValue(question(io), {
      contact: (contact, fromId) => {
        if (contact.user_id !== fromId) return { ok: false, error: "registration.phone.notOwn" };
        const phone = normalizePhone(contact.phone_number);
        return phone ? { ok: true, value: phone } : { ok: false, error: "registration.phone.notKazakhstan" };
      },
    });
    return { kind: "done", patch: { phone } };
  },
};
