// Every text exists in Kazakh, Russian and English, with the same placeholders,
// and every key the code asks for exists.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readLocale } from "../src/bot/i18n.ts";
import { languages } from "../src/domain/language.ts";
import { flattenLocale } from "./support/flat-locale.ts";

const locales = Object.fromEntries(languages.map((language) => [language, flattenLocale(readLocale(language))]));
const allKeys = [...new Set(languages.flatMap((language) => [...locales[language]!.keys()]))].sort();
const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

// Texts that are rightly the same in every language: each language's own
// name, a dash for "nothing".
const sameEverywhere = /^(language\.button\.|registration\.summary\.none$)/;

describe("locales", () => {
  it.each(languages)("%s has every key, none empty", (language) => {
    const texts = locales[language]!;
    expect(allKeys.filter((key) => !texts.has(key))).toEqual([]);
    expect(allKeys.filter((key) => texts.get(key)!.trim() === "")).toEqual([]);
  });

  it("uses the same placeholders in every language", () => {
    for (const key of allKeys) {
      const expected = placeholders(locales.en!.get(key)!);
      for (const language of languages)
        expect(placeholders(locales[language]!.get(key)!), `${language}: ${key}`).toEqual(expected);
    }
  });

  // Kazakh and Russian rightly share some words (Телефон), so "untranslated" is left in English.
  it("leaves nothing untranslated", () => {
    for (const key of allKeys.filter((k) => !sameEverywhere.test(k))) {
      expect(locales.kk!.get(key), `kk: ${key}`).not.toBe(locales.en!.get(key));
      expect(locales.ru!.get(key), `ru: ${key}`).not.toBe(locales.en!.get(key));
    }
  });

  it("has every key the code asks for", () => {
    // The bot's and the Mini Apps' (web/) code: both read these files.
    const code = ["../src", "../web"].flatMap((dir) => sourceFiles(path.resolve(import.meta.dirname, dir)));
    const used = code.flatMap((file) =>
      [...readFileSync(file, "utf8").matchAll(/\bt\(\s*["'`]([a-zA-Z][\w.]*)["'`]/g)].map((m) => m[1]!),
    );
    expect(used.length).toBeGreaterThan(0);
    expect([...new Set(used)].filter((key) => !locales.en!.has(key))).toEqual([]);
  });
});

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (name === "generated") return [];
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return name.endsWith(".ts") ? [full] : [];
  });
}
