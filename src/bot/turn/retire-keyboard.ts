// An answered question loses its buttons, so they do not invite a press that
// can only be refused. Best effort, after the turn's messages went out: one
// call, without the retries of the bot's API (a failed edit must not spend
// the retry budget of the next question, nor hold the chat while Telegram
// is failing), never awaited by the turn, and a failure is only logged.
import type { Api } from "grammy";
import { describeError, type Logger } from "../../logger.ts";

/** Takes the inline buttons off a message; returns at once. */
export type RetireKeyboard = (chatId: number, messageId: number) => void;

const EDIT_TIMEOUT_MS = 10_000;

/** `api`: a client without the retrying transformer. */
export function keyboardRetirer(api: Api, logger: Logger): RetireKeyboard {
  return (chatId, messageId) => {
    // grammY types the signal with the abort-controller shim; Node's own is what it gets at run time.
    const signal = AbortSignal.timeout(EDIT_TIMEOUT_MS) as unknown as Parameters<Api["editMessageReplyMarkup"]>[3];
    api.editMessageReplyMarkup(chatId, messageId, {}, signal).catch((error: unknown) => {
      logger.debug({ err: describeError(error) }, "an answered question kept its buttons");
    });
  };
}
