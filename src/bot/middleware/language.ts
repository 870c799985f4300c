// Puts the person's language and a translate function on every context.
import type { MiddlewareFn } from "grammy";
import { type Language, suggestedLanguage } from "../../domain/language.ts";
import type { LanguagePreference } from "../../services/language-preference.ts";
import type { BotContext } from "../context.ts";
import type { Translator } from "../i18n.ts";

export function languageMiddleware(preference: LanguagePreference, translator: Translator): MiddlewareFn<BotContext> {
  return async (ctx, next) => {
    const chosen = ctx.from ? await preference.chosenLanguage(ctx.from.id) : undefined;
    useLanguage(ctx, chosen ?? suggestedLanguage(ctx.from?.language_code), translator);
    ctx.languageChosen = chosen !== undefined;
    await next();
  };
}

export function useLanguage(ctx: BotContext, language: Language, translator: Translator): void {
  ctx.language = language;
  ctx.t = translator.t(language);
}
