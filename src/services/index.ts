// The use cases the bot calls, wired to storage once at start-up.
import { createApplicantRepository } from "../db/applicants.ts";
import type { PrismaClient } from "../db/generated/client.ts";
import { createLanguagePreference, type LanguagePreference } from "./language-preference.ts";

export type Services = {
  languagePreference: LanguagePreference;
};

export function createServices(prisma: PrismaClient): Services {
  return {
    languagePreference: createLanguagePreference(createApplicantRepository(prisma)),
  };
}
