/** The languages the service speaks, as Telegram's language_code spells them. */
export const languages = ["kk", "ru", "en"] as const;
export type Language = (typeof languages)[number];

export function isLanguage(value: unknown): value is Language {
  return typeof value === "string" && (languages as readonly string[]).includes(value);
}

/**
 * The language to offer first on first contact: the one Telegram reports for
 * the person's app when we speak it ("kk-KZ" counts as "kk"), else Russian,
 * the language of inter-ethnic communication most people here read.
 */
export function suggestedLanguage(telegramLanguageCode: string | undefined): Language {
  const base = telegramLanguageCode?.toLowerCase().split("-")[0];
  return isLanguage(base) ? base : "ru";
}
