import { Composer } from "grammy";
import type { BotContext } from "../context.ts";
import { myDataButton } from "./my-data.ts";

export function helpFeature(): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.chatType("private").command("help", async (ctx) => {
    await ctx.reply(ctx.t("help.text"), { reply_markup: myDataButton(ctx.t) });
  });
  return composer;
}
