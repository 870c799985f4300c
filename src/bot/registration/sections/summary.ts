// Everything on one screen, with a way to change any section before signing.
import { InlineKeyboard } from "grammy";
import { answerData } from "../../callback-data/answer.ts";
import type { Question } from "../asker.ts";
import type { Section, SectionIO } from "../section.ts";
import { editableSteps, isStepId } from "../steps.ts";
import { summaryText } from "../summary-text.ts";

const question = (io: SectionIO): Question => {
  const keyboard = new InlineKeyboard()
    .text(io.t("registration.summary.submit"), answerData.encode("summary", "submit"))
    .row();
  for (const [i, step] of editableSteps.entries()) {
    keyboard.text(io.t(`registration.summary.edit.${step}`), answerData.encode("summary", step));
    if (i % 2 === 1) keyboard.row();
  }
  // The whole form on one page, to change several sections at once.
  if (io.formUrl) keyboard.row().webApp(io.t("miniApp.open"), io.formUrl);
  return { id: "summary", text: summaryText(io.t, io.form), reply_markup: keyboard };
};

export const summarySection: Section = {
  entry: ["summary"],
  firstQuestion: question,
  async run(io) {
    const choice = await io.asker.askButton(question(io));
    if (choice === "submit") return { kind: "goto", step: "consent", editing: false };
    if (!isStepId(choice)) throw new Error(`unknown summary choice ${choice}`);
    return { kind: "goto", step: choice, editing: true };
  },
};
