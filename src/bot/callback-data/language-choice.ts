// Callback data of the language buttons: "language:kk". Decoded with zod, so
// a forged or outdated string is recognised and answered, never trusted.
import { z } from "zod";
import { type Language, languages } from "../../domain/language.ts";

const prefix = "language:";

const schema = z
  .string()
  .startsWith(prefix)
  .transform((data) => data.slice(prefix.length))
  .pipe(z.enum(languages));

export const languageChoiceData = {
  /** Matches every callback of this family, valid or not. */
  filter: /^language:/,

  encode(language: Language): string {
    return `${prefix}${language}`;
  },

  decode(data: string): Language | undefined {
    const parsed = schema.safeParse(data);
    return parsed.success ? parsed.data : undefined;
  },
};
