// Puts the person's language and a translate function on every context.
import type { MiddlewareFn } from "grammy";
import { type Language, suggestedLanguage } from "../../domain/language.ts";
import type { LanguagePreference } from "../../services/language-preference.ts";
import type { BotContext } from "../context.ts";
import type { Translator } from "../i18n.ts";

export function languageMiddleware(preference: LanguagePreference, translator: Translator): MiddlewareFn<BotContext> {
  return async (ctx, next) => {
    useLanguage(ctx, suggestedLanguage(ctx.from?.language_code), translator);
    ctx.languageChosen = false;
    const userId = ctx.from?.id;
    if (userId !== undefined) {
      // Read once and kept by the service; when the database is unreachable it
      // gives the last language known, so the person is told in it to try again.
      const chosen = await preference.chosenLanguage(userId).catch(
        // Handled further on, inside the error boundary, where the reply is in the suggested language.
        () => undefined,
      );
      if (chosen) {
        useLanguage(ctx, chosen, translator);
        ctx.languageChosen = true;
      }
    }
    await next();
  };
}

export function useLanguage(ctx: BotContext, language: Language, translator: Translator): void {
  ctx.language = language;
  ctx.t = translator.t(language);
}
