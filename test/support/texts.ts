// The texts a person sees, read from the locale files, so tests speak every language.
import { readLocale } from "../../src/bot/i18n.ts";
import type { Language } from "../../src/domain/language.ts";

export type Texts = {
  /** The text at a dotted key, with {{placeholders}} filled. */
  (key: string, values?: Record<string, string | number>): string;
  /** The text before its first placeholder: enough to recognise a message. */
  start(key: string): string;
  /** A message that ends with this text, whatever fills its placeholders (and whatever note comes before). */
  pattern(key: string): RegExp;
  /** A question of the registration form as asked at step n, after its label: "Step 3 of 9. Your first name:". */
  atStep(n: number, key: string, values?: Record<string, string | number>): string;
};

export function texts(language: Language): Texts {
  const tree = readLocale(language);
  const raw = (key: string): string => {
    const value = key.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown>)?.[part], tree);
    if (typeof value !== "string") throw new Error(`no text ${language}:${key}`);
    return value;
  };
  const fill = (key: string, values: Record<string, string | number> = {}) =>
    raw(key).replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => String(values[name] ?? `{{${name}}}`));
  const pattern = (key: string) => {
    const parts = raw(key)
      .split(/\{\{\s*\w+\s*\}\}/)
      .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
    return new RegExp(`${parts.join("[\\s\\S]*?")}$`);
  };
  const atStep = (n: number, key: string, values?: Record<string, string | number>) =>
    `${fill("registration.step", { n, total: 9 })} ${fill(key, values)}`;
  return Object.assign(fill, { start: (key: string) => raw(key).split("{{")[0]!, pattern, atStep });
}
