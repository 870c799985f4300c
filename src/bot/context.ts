import type { ConversationFlavor } from "@grammyjs/conversations";
import type { Context } from "grammy";
import type { Language } from "../domain/language.ts";
import type { Translate } from "./i18n.ts";

export type LanguageFlavor = {
  /** The person's language: the one they chose, else the one suggested by Telegram. */
  language: Language;
  /** Whether the person chose it (/start asks only until they have). */
  languageChosen: boolean;
  t: Translate;
};

export type BotContext = ConversationFlavor<Context & LanguageFlavor>;
