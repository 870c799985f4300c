import type { InlineKeyboardButton, KeyboardButton, Message, ReplyKeyboardMarkup } from "./types.ts";

export interface FoundInlineButton {
  message: Message;
  button: InlineKeyboardButton;
}

/** The newest message carrying an inline button with exactly this text. */
export function findInlineButton(messages: readonly Message[], text: string): FoundInlineButton | undefined {
  for (const message of [...messages].reverse()) {
    const button = message.reply_markup?.inline_keyboard.flat().find((candidate) => candidate.text === text);
    if (button) return { message, button };
  }
  return undefined;
}

export function findReplyButton(keyboard: ReplyKeyboardMarkup | null, text: string): KeyboardButton | undefined {
  return keyboard?.keyboard.flat().find((button) => button.text === text);
}

/** What a person would see, for the error when a button is not there. */
export function describeVisibleButtons(messages: readonly Message[], keyboard: ReplyKeyboardMarkup | null): string {
  const lines = messages
    .filter((message) => message.reply_markup)
    .slice(-5)
    .map((message) => `  message ${message.message_id}: ${rowsText(message.reply_markup?.inline_keyboard ?? [])}`);
  if (keyboard) lines.push(`  reply keyboard: ${rowsText(keyboard.keyboard)}`);
  return lines.length > 0 ? lines.join("\n") : "  (no buttons at all)";
}

function rowsText(rows: ReadonlyArray<ReadonlyArray<{ text: string }>>): string {
  return rows.map((row) => row.map((button) => `[${button.text}]`).join(" ")).join(" / ");
}
