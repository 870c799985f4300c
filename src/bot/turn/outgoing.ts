// What a form says back, as stored until Telegram has taken it: messages (one
// of them may be the question now on screen), keyboard edits and answers to
// button presses. Plain JSON, parsed with zod when read back.
import { z } from "zod";

// Telegram's reply_markup objects, kept as the plain JSON the Bot API takes.
const replyMarkupSchema = z.record(z.string(), z.unknown());
export type ReplyMarkup = z.infer<typeof replyMarkupSchema>;

const sendSchema = z.object({
  kind: z.literal("send"),
  text: z.string(),
  markup: replyMarkupSchema.optional(),
  /** Set when this message asks a question: the question's id. */
  question: z.string().optional(),
  /** The same question asked again after an answer was not accepted. */
  again: z.boolean().optional(),
});

const editMarkupSchema = z.object({
  kind: z.literal("edit_markup"),
  messageId: z.number().int(),
  markup: replyMarkupSchema.optional(),
  /** Set when the edit changes a question's own keyboard (a toggle ticked): the question's id. */
  question: z.string().optional(),
});

const answerCallbackSchema = z.object({
  kind: z.literal("answer_callback"),
  callbackQueryId: z.string(),
  text: z.string().optional(),
});

export const outgoingSchema = z.discriminatedUnion("kind", [sendSchema, editMarkupSchema, answerCallbackSchema]);
export type Outgoing = z.infer<typeof outgoingSchema>;
export type OutgoingMessage = z.infer<typeof sendSchema>;

/**
 * The question on the person's screen: the message that shows it once
 * delivered, and the first message that showed it (asked again after a wrong
 * answer, it is the same question: answers count from its first showing).
 * `retires`: the message of the question before it, whose inline buttons go
 * once this one is on screen (see retire-keyboard.ts).
 */
export const promptSchema = z.object({
  question: z.string(),
  text: z.string(),
  markup: replyMarkupSchema.optional(),
  messageId: z.number().int().nullable(),
  since: z.number().int().nullable(),
  retires: z.number().int().optional(),
});
export type Prompt = z.infer<typeof promptSchema>;

/** The prompt as delivered in this message. */
export function shownIn(prompt: Prompt, messageId: number): Prompt {
  return { ...prompt, messageId, since: prompt.since ?? messageId };
}

/** grammY's keyboard builders as the JSON the Bot API takes (and the database keeps). */
export function plainMarkup(markup: object | undefined): ReplyMarkup | undefined {
  return markup === undefined ? undefined : (JSON.parse(JSON.stringify(markup)) as ReplyMarkup);
}

/** Whether a message's markup shows buttons under it (which only an edit can take away). */
export function hasInlineKeyboard(markup: ReplyMarkup | undefined): boolean {
  const rows = markup?.inline_keyboard;
  return Array.isArray(rows) && rows.some((row) => Array.isArray(row) && row.length > 0);
}

/** Whether a message's markup puts a keyboard in place of the person's own (which the next message can remove). */
export function hasReplyKeyboard(markup: ReplyMarkup | undefined): boolean {
  return Array.isArray(markup?.keyboard);
}
