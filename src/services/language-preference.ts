// Use case: the language a person is served in, chosen once and kept.
//
// Every update needs it before anything else, and it changes perhaps once in
// a person's life, so it is read from the database once and kept in this
// process. A change made here is seen here at once (the write updates the
// cache). A change made through another instance (webhook mode behind a load
// balancer, or a polling leader that took over) is seen here when this
// process's copy expires: at most LANGUAGE_TTL_MS later, so a person who
// switches language is answered in the old one for at most that long, and
// only by an instance that served them just before. A person who never chose
// is not cached at all: another instance may ask them next, and the choice
// must then be seen at once (else they would be asked twice).
import type { UnitOfWork } from "../db/unit-of-work.ts";
import type { Language } from "../domain/language.ts";

export type LanguagePreference = {
  /**
   * The language the person chose, or undefined before their first choice.
   * When the database cannot be read, the last language known for them, however
   * old (they are then told in it to try again); rejects if none is known.
   */
  chosenLanguage(telegramUserId: number): Promise<Language | undefined>;
  chooseLanguage(telegramUserId: number, chatId: number, language: Language): Promise<void>;
};

/** How long a language read from the database is used without reading it again. */
export const LANGUAGE_TTL_MS = 30_000;

/**
 * People whose language is kept; the least recently read is forgotten first.
 * ~110 bytes each (measured on Node 20), so at most ~11 MB however many people
 * the process has served. An expired copy is kept until then: it is what a
 * person is answered in while the database cannot be read.
 */
const REMEMBERED_PEOPLE = 100_000;

export type LanguageCacheOptions = {
  ttlMs?: number;
  /** At most this many people kept (REMEMBERED_PEOPLE). */
  remembered?: number;
  /** Milliseconds of a monotonic clock: the cache's age is not a legal time, and must not jump with the wall clock. */
  now?: () => number;
};

type Known = { language: Language; readAt: number };

export function createLanguagePreference(db: UnitOfWork, options: LanguageCacheOptions = {}): LanguagePreference {
  const { applicants } = db.repos;
  const ttlMs = options.ttlMs ?? LANGUAGE_TTL_MS;
  const remembered = options.remembered ?? REMEMBERED_PEOPLE;
  const now = options.now ?? (() => performance.now());
  const known = new Map<number, Known>();
  // Counts this process's writes: a read that started before one may bring the
  // old language back and must not overwrite the new one.
  let writes = 0;

  const remember = (telegramUserId: number, language: Language, readAt: number) => {
    known.delete(telegramUserId);
    known.set(telegramUserId, { language, readAt });
    if (known.size > remembered) known.delete(known.keys().next().value!);
  };

  return {
    async chosenLanguage(telegramUserId) {
      const cached = known.get(telegramUserId);
      const readAt = now();
      if (cached && readAt - cached.readAt < ttlMs) return cached.language;
      const writesBefore = writes;
      let language: Language | undefined;
      try {
        language = await applicants.findLanguage(telegramUserId);
      } catch (error) {
        if (cached) return cached.language;
        throw error;
      }
      if (writes !== writesBefore) return language;
      if (language) remember(telegramUserId, language, readAt);
      else known.delete(telegramUserId);
      return language;
    },

    async chooseLanguage(telegramUserId, chatId, language) {
      writes += 1;
      await applicants.saveLanguage(telegramUserId, chatId, language);
      remember(telegramUserId, language, now());
    },
  };
}
