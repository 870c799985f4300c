// How an update in a private chat relates to what the chat's stored turn
// expects. An answer is taken only for the question the person saw: the
// question must have reached Telegram, and the answer must have been written
// after it (message ids in a private chat grow with every message, the bot's
// and the person's alike). Anything else is told apart here and answered
// without touching the form.
import type { Context } from "grammy";
import type { Message } from "grammy/types";
import { answerData } from "../callback-data/answer.ts";
import { BEGIN_DATA } from "../callback-data/begin.ts";
import type { StoredTurn } from "./turn.ts";

export type Arrival =
  /** Handled before (delivered again after a crash): only what it left unsaid is missing. */
  | { kind: "repeat" }
  /**
   * The question after the last stored answer never reached the person: it
   * is sent now, and the update is not an answer.
   */
  | { kind: "unseen" }
  /** Written before the question on screen appeared: it cannot be its answer. */
  | { kind: "early" }
  /**
   * The end of a form (a receipt) did not go out: it is sent now. The update
   * (a text or a command) was most likely written because nothing came, so it
   * is not taken further.
   */
  | { kind: "leftover" }
  /** A press on a button of the stored question: proof that the question reached the person. */
  | { kind: "answer"; acknowledges?: number };

export function judgeArrival(ctx: Context, stored: StoredTurn | undefined): Arrival {
  if (!stored) return { kind: "answer" };
  if (stored.lastUpdateId !== null && ctx.update.update_id <= stored.lastUpdateId) return { kind: "repeat" };
  const prompt = stored.prompt;
  const undelivered = stored.pending.some((action) => action.kind === "send");
  const promptPending = prompt !== null && prompt.messageId === null;
  // A command must not push the end of a form aside either: a person who got
  // no receipt and sends /appeal again gets the receipt of the appeal they
  // filed, not a second appeal.
  if (undelivered && !promptPending && isCommandUpdate(ctx)) return { kind: "leftover" };
  if (!isFormInput(ctx)) return { kind: "answer" };
  if (undelivered) {
    const pressed = pressedQuestion(ctx);
    if (promptPending && pressed === prompt.question)
      return { kind: "answer", acknowledges: ctx.callbackQuery!.message!.message_id };
    return promptPending ? { kind: "unseen" } : { kind: "leftover" };
  }
  const message = ctx.message;
  const askedFrom = prompt?.since ?? prompt?.messageId;
  if (message && askedFrom != null && message.message_id < askedFrom) return { kind: "early" };
  return { kind: "answer" };
}

/**
 * An update that would go to a form: a message that is not a command, a press
 * on a form button, or on "fill in the application" (a person who sees no
 * question presses what is on screen).
 */
export function isFormInput(ctx: Context): boolean {
  if (ctx.chat?.type !== "private") return false;
  if (ctx.callbackQuery) return pressedQuestion(ctx) !== undefined || ctx.callbackQuery.data === BEGIN_DATA;
  const message = ctx.message;
  return message !== undefined && !isCommand(message);
}

function pressedQuestion(ctx: Context): string | undefined {
  const data = ctx.callbackQuery?.data;
  return data === undefined ? undefined : answerData.decode(data)?.question;
}

function isCommandUpdate(ctx: Context): boolean {
  return ctx.chat?.type === "private" && ctx.message !== undefined && isCommand(ctx.message);
}

function isCommand(message: Message): boolean {
  const first = message.entities?.[0];
  return first?.type === "bot_command" && first.offset === 0;
}
