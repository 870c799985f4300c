// /cancel leaves the form at any step. What was saved stays, so "Continue"
// takes the person back to the section they left.
import { Composer } from "grammy";
import type { Services } from "../../services/index.ts";
import { beginKeyboard } from "../callback-data/begin.ts";
import type { BotContext } from "../context.ts";
import { leaveForm } from "../turn/leave-form.ts";

export function cancelFeature(services: Services): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.chatType("private").command("cancel", async (ctx) => {
    await leaveForm(ctx);
    const draft = await services.registration.findDraft(ctx.from.id);
    if (!draft || draft.paused) {
      await ctx.reply(ctx.t("registration.cancel.nothing"), { reply_markup: { remove_keyboard: true } });
      return;
    }
    await services.registration.setProgress(draft.id, { step: draft.step, paused: true });
    await ctx.reply(ctx.t("registration.cancel.done"), { reply_markup: { remove_keyboard: true } });
    await ctx.reply(ctx.t("registration.cancel.continueLater"), {
      reply_markup: beginKeyboard(ctx.t("registration.continue")),
    });
  });
  return composer;
}
