import { InlineKeyboard } from "grammy";

/** The "fill in the application" / "continue" button: opens the form at the person's step. */
export const BEGIN_DATA = "flow:begin";

export function beginKeyboard(label: string): InlineKeyboard {
  return new InlineKeyboard().text(label, BEGIN_DATA);
}
