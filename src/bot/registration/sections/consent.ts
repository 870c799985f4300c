// Consent to publication of personal data on enbek.kz. Declining ends the
// flow and deletes the draft: nothing the person typed is kept.
import type { Question } from "../asker.ts";
import { choices } from "../keyboards.ts";
import type { Section, SectionIO } from "../section.ts";

const question = (io: SectionIO): Question => ({
  id: "consent",
  text: io.t("registration.consent.text"),
  reply_markup: choices("consent", [
    { value: "agree", label: io.t("registration.consent.agree") },
    { value: "decline", label: io.t("registration.consent.decline") },
  ]),
});

export const consentSection: Section = {
  entry: "consent",
  firstQuestion: question,
  async run(io) {
    const choice = await io.asker.askButton(question(io));
    if (choice === "decline") {
      await io.conversation.external(() => io.services.registration.discardDraft(io.draftId));
      await io.asker.say(io.t("registration.consent.declined"));
      return { kind: "end" };
    }
    const givenAt = await io.conversation.external(() => io.services.clock.now().getTime());
    await io.conversation.external(() => io.services.registration.recordConsent(io.draftId, new Date(givenAt)));
    return { kind: "done", patch: {} };
  },
};
