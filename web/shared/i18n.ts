// The apps' texts: i18next over the bot's own locales/ files, bundled into
// the page, so a word reads the same in the chat and in the form.
import i18next, { type TFunction } from "i18next";
import en from "../../locales/en/translation.json";
import kk from "../../locales/kk/translation.json";
import ru from "../../locales/ru/translation.json";

export const languages = ["kk", "ru", "en"] as const;
export type Language = (typeof languages)[number];

export type Translate = TFunction;

/** The bot's first guess (domain/language.ts suggestedLanguage): Telegram's language if ours, else Russian. */
export function guessLanguage(code: string | undefined): Language {
  const base = code?.toLowerCase().split("-")[0];
  return languages.find((language) => language === base) ?? "ru";
}

export async function createTexts(language: Language): Promise<Translate> {
  const instance = i18next.createInstance();
  await instance.init({
    lng: language,
    fallbackLng: false,
    resources: { kk: { translation: kk }, ru: { translation: ru }, en: { translation: en } },
    interpolation: { escapeValue: false },
    returnNull: false,
    showSupportNotice: false,
  });
  document.documentElement.lang = language;
  return instance.getFixedT(language);
}
