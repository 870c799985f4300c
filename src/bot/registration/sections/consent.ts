// Consent to publication of personal data on enbek.kz. Declining ends the
// flow and deletes the draft: nothing the person typed is kept. About thirty
// answers go with one tap, so the person confirms it first.
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

const confirmDecline = (io: SectionIO): Question => ({
  id: "consent_decline",
  text: io.t("registration.consent.confirmDecline"),
  reply_markup: choices("consent_decline", [
    { value: "delete", label: io.t("registration.consent.deleteAnswers") },
    { value: "back", label: io.t("registration.consent.back") },
  ]),
});

export const consentSection: Section = {
  entry: ["consent"],
  firstQuestion: question,
  async run(io) {
    for (;;) {
      const choice = await io.asker.askButton(question(io));
      if (choice === "agree") break;
      if ((await io.asker.askButton(confirmDecline(io))) === "back") continue;
      await io.conversation.external(() => io.services.registration.discardDraft(io.draftId));
      await io.asker.say(io.t("registration.consent.declined"));
      return { kind: "end" };
    }
    const givenAt = await io.conversation.external(() => io.services.clock.now().getTime());
    await io.conversation.external(() => io.services.registration.recordConsent(io.draftId, new Date(givenAt)));
    return { kind: "done", patch: {} };
  },
};
