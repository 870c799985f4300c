import { InlineKeyboard } from "grammy";
import { answerData } from "../callback-data/answer.ts";

/** One inline button per row, each answering `question` with its value. */
export function choices(question: string, options: Array<{ value: string; label: string }>): InlineKeyboard {
  return InlineKeyboard.from(
    options.map((option) => [InlineKeyboard.text(option.label, answerData.encode(question, option.value))]),
  );
}
