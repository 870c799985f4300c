// Puts the person's language and a translate function on every context.
import type { MiddlewareFn } from "grammy";
import { type Language, suggestedLanguage } from "../../domain/language.ts";
import type { LanguagePreference } from "../../services/language-preference.ts";
import type { BotContext } from "../context.ts";
import type { Translator } from "../i18n.ts";

export function languageMiddleware(preference: LanguagePreference, translator: Translator): MiddlewareFn<BotContext> {
  return async (ctx, next) => {
    // Set first, so that even a failing database lookup is answered in a language.
    useLanguage(ctx, suggestedLanguage(ctx.from?.language_code), translator);
    const chosen = ctx.from ? await preference.chosenLanguage(ctx.from.id) : undefined;
    if (chosen) useLanguage(ctx, chosen, translator);
    await next();
  };
}

export function useLanguage(ctx: BotContext, language: Language, translator: Translator): void {
  ctx.language = language;
  ctx.t = translator.t(language);
}
