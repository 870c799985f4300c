import { Composer } from "grammy";
import type { BotContext } from "../context.ts";
import { myDataButton } from "./my-data.ts";
import { showFormInMenu, withFormButton } from "./web-form.ts";

export function helpFeature(formUrl: string | undefined): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.chatType("private").command("help", async (ctx) => {
    await ctx.reply(ctx.t("help.text"), { reply_markup: withFormButton(myDataButton(ctx.t), ctx.t, formUrl) });
    await showFormInMenu(ctx, formUrl);
  });
  return composer;
}
