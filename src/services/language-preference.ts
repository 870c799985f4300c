// Use case: the language a person is served in, chosen once and kept.
import type { UnitOfWork } from "../db/unit-of-work.ts";
import type { Language } from "../domain/language.ts";

export type LanguagePreference = {
  /** The language the person chose, or undefined before their first choice. */
  chosenLanguage(telegramUserId: number): Promise<Language | undefined>;
  chooseLanguage(telegramUserId: number, chatId: number, language: Language): Promise<void>;
};

export function createLanguagePreference(db: UnitOfWork): LanguagePreference {
  const { applicants } = db.repos;
  return {
    chosenLanguage: (telegramUserId) => applicants.findLanguage(telegramUserId),
    chooseLanguage: (telegramUserId, chatId, language) => applicants.saveLanguage(telegramUserId, chatId, language),
  };
}
