import { InlineKeyboard } from "grammy";
import { languages } from "../../domain/language.ts";
import { languageChoiceData } from "../callback-data/language-choice.ts";
import type { Translate } from "../i18n.ts";

/** Exactly three buttons, each language named in itself. */
export function languageKeyboard(t: Translate): InlineKeyboard {
  return InlineKeyboard.from([
    languages.map((language) =>
      InlineKeyboard.text(t(`language.button.${language}`), languageChoiceData.encode(language)),
    ),
  ]);
}
