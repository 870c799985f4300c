// i18next with one JSON file per language under locales/{kk,ru,en}/. Every
// text a person sees comes from there (tests check all keys exist in all three).
import { readFileSync } from "node:fs";
import path from "node:path";
import i18next, { type TFunction } from "i18next";
import { type Language, languages } from "../domain/language.ts";

export type Translate = TFunction;

export const localesDir = path.resolve(import.meta.dirname, "../../locales");

export function readLocale(language: Language): Record<string, unknown> {
  return JSON.parse(readFileSync(path.join(localesDir, language, "translation.json"), "utf8"));
}

export type Translator = { t(language: Language): Translate };

export async function createTranslator(): Promise<Translator> {
  const instance = i18next.createInstance();
  await instance.init({
    resources: Object.fromEntries(languages.map((language) => [language, { translation: readLocale(language) }])),
    lng: "ru",
    // No fallback: a missing text in one language must never be answered in
    // another (the locale test fails instead).
    fallbackLng: false,
    interpolation: { escapeValue: false },
    returnNull: false,
    showSupportNotice: false,
  });
  const fixed = new Map(languages.map((language) => [language, instance.getFixedT(language)]));
  return { t: (language) => fixed.get(language)! };
}
