// Puts the person's language and a translate function on every context.
import type { MiddlewareFn } from "grammy";
import { type Language, suggestedLanguage } from "../../domain/language.ts";
import type { LanguagePreference } from "../../services/language-preference.ts";
import type { BotContext } from "../context.ts";
import type { Translator } from "../i18n.ts";

/** Chats whose language is remembered for when the database cannot be read. */
const REMEMBERED_CHATS = 100_000;

export function languageMiddleware(preference: LanguagePreference, translator: Translator): MiddlewareFn<BotContext> {
  // The last language read for each person: when the database is unreachable
  // the person is still told, in their own language, to try again.
  const lastKnown = new Map<number, Language>();
  const remember = (userId: number, language: Language) => {
    lastKnown.delete(userId);
    lastKnown.set(userId, language);
    if (lastKnown.size > REMEMBERED_CHATS) lastKnown.delete(lastKnown.keys().next().value!);
  };

  return async (ctx, next) => {
    useLanguage(ctx, suggestedLanguage(ctx.from?.language_code), translator);
    ctx.languageChosen = false;
    const userId = ctx.from?.id;
    if (userId !== undefined) {
      const chosen = await preference.chosenLanguage(userId).then(
        (language) => {
          if (language) remember(userId, language);
          return language;
        },
        // Handled further on, inside the error boundary, where the reply is in this language.
        () => lastKnown.get(userId),
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
