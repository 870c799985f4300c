import type { DbClient } from "./client.ts";

/** Consent to publishing the form on enbek.kz, to the text of one version. */
export type NewConsent = { applicantId: string; applicationId: string; textVersion: string; givenAt: Date };

export type ConsentRepository = ReturnType<typeof createConsentRepository>;

export function createConsentRepository(prisma: DbClient) {
  return {
    async record(input: NewConsent): Promise<void> {
      await prisma.consent.create({ data: input });
    },

    async exists(applicationId: string, textVersion: string): Promise<boolean> {
      return (await prisma.consent.count({ where: { applicationId, textVersion } })) > 0;
    },
  };
}
