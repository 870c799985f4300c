// The last line of defence: log what failed (never who or what they wrote)
// and tell the person, in their language, to try again. An answer to a form
// question was not stored when its update failed (src/bot/turn/), so the
// person is asked to send it again.
import type { BotError } from "grammy";
import { describeError as describe, type Logger } from "../logger.ts";
import type { BotContext } from "./context.ts";
import { talkToPersonKeyboard } from "./features/operator.ts";
import { UpdateNotTaken } from "./middleware/webhook-gate.ts";
import { isFormInput } from "./turn/arrival.ts";

export function errorHandler(logger: Logger) {
  return async (error: BotError<BotContext>): Promise<void> => {
    // Webhook mode: an update the database could not take goes back to
    // Telegram (an error answer), to be delivered again.
    if (error.error instanceof UpdateNotTaken) {
      logger.warn({ updateId: error.ctx.update.update_id, err: describe(error.error.cause) }, "update not taken");
      throw error.error;
    }
    const ctx = error.ctx;
    logger.error(
      { updateId: ctx.update.update_id, updateType: updateType(ctx), err: describe(error.error) },
      "update failed",
    );
    if (!ctx.chat || !ctx.t) return;
    try {
      if (ctx.callbackQuery) await ctx.answerCallbackQuery().catch(() => undefined);
      // In a private chat the person can always reach a human from here.
      const text = ctx.t(isFormInput(ctx) ? "form.answerNotSaved" : "errors.generic");
      await ctx.reply(text, ctx.chat.type === "private" ? { reply_markup: talkToPersonKeyboard(ctx.t) } : {});
    } catch (replyError) {
      logger.warn(
        { updateId: ctx.update.update_id, err: describe(replyError) },
        "could not tell the user about the failure",
      );
    }
  };
}

function updateType(ctx: BotContext): string {
  return Object.keys(ctx.update).find((key) => key !== "update_id") ?? "unknown";
}
