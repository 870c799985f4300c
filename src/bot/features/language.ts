// /start and /language: choose the language of service. On first contact the
// choice is always asked; Telegram's language_code only decides the language
// of the question. Later /start greets in the chosen language (and says how to
// change it); /language always asks.
import { Composer } from "grammy";
import type { Services } from "../../services/index.ts";
import { beginKeyboard } from "../callback-data/begin.ts";
import { languageChoiceData } from "../callback-data/language-choice.ts";
import type { BotContext } from "../context.ts";
import type { Translator } from "../i18n.ts";
import { languageKeyboard } from "../keyboards/language.ts";
import { useLanguage } from "../middleware/language.ts";
import { enterAfterwards } from "../middleware/pending-conversation.ts";
import { prepareDraftEntry } from "../registration/flow.ts";
import { showFormInMenu, withFormButton } from "./web-form.ts";

export function languageFeature(
  services: Services,
  translator: Translator,
  formUrl: string | undefined,
): Composer<BotContext> {
  const welcomeKeyboard = (ctx: BotContext, hasDraft: boolean) =>
    withFormButton(beginKeyboard(ctx.t(hasDraft ? "registration.continue" : "registration.begin")), ctx.t, formUrl);
  const composer = new Composer<BotContext>();
  const privateChat = composer.chatType("private");

  privateChat.command("start", async (ctx, next) => {
    if (!ctx.languageChosen) return next();
    const draft = await services.registration.findDraft(ctx.from.id);
    await ctx.reply(`${ctx.t("welcome")}\n\n${ctx.t("language.change")}`, {
      reply_markup: welcomeKeyboard(ctx, Boolean(draft)),
    });
    await showFormInMenu(ctx, formUrl);
  });

  privateChat.command(["start", "language"], async (ctx) => {
    await ctx.reply(ctx.t("language.choose"), { reply_markup: languageKeyboard(ctx.t) });
  });

  privateChat.callbackQuery(languageChoiceData.filter, async (ctx, next) => {
    const language = languageChoiceData.decode(ctx.callbackQuery.data);
    if (!language) {
      await ctx.answerCallbackQuery({ text: ctx.t("errors.staleButton") });
      return;
    }
    await services.languagePreference.chooseLanguage(ctx.from.id, ctx.chat.id, language);
    useLanguage(ctx, language, translator);
    await ctx.answerCallbackQuery();
    // The question is replaced by the answer so old buttons cannot be pressed again.
    await ctx.editMessageText(ctx.t("language.chosen")).catch(() => undefined);

    const draft = await services.registration.findDraft(ctx.from.id);
    if (draft && !draft.paused && draft.step) {
      // Mid-form: the current section starts again in the new language.
      enterAfterwards(ctx, await prepareDraftEntry(ctx, services));
      return next();
    }
    await ctx.reply(ctx.t("welcome"), { reply_markup: welcomeKeyboard(ctx, Boolean(draft)) });
    // In the language just chosen.
    await showFormInMenu(ctx, formUrl);
  });

  return composer;
}
