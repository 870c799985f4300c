import type { DbClient } from "./client.ts";

/** Consent to publishing the form on enbek.kz, to the text of one version. */
export type NewConsent = { applicantId: string; applicationId: string; textVersion: string; givenAt: Date };

export type StoredConsent = {
  id: string;
  applicationId: string | null;
  textVersion: string;
  givenAt: Date;
  withdrawnAt: Date | null;
};

export type ConsentRepository = ReturnType<typeof createConsentRepository>;

export function createConsentRepository(prisma: DbClient) {
  /** Newest first. */
  const listForApplicant = (applicantId: string): Promise<StoredConsent[]> =>
    prisma.consent.findMany({
      where: { applicantId },
      orderBy: { givenAt: "desc" },
      select: { id: true, applicationId: true, textVersion: true, givenAt: true, withdrawnAt: true },
    });

  return {
    async record(input: NewConsent): Promise<void> {
      await prisma.consent.create({ data: input });
    },

    async exists(applicationId: string, textVersion: string): Promise<boolean> {
      return (await prisma.consent.count({ where: { applicationId, textVersion } })) > 0;
    },

    listForApplicant,

    /** Withdraws the consents still in force; returns them as they were. */
    async withdrawAll(applicantId: string, at: Date): Promise<StoredConsent[]> {
      const inForce = (await listForApplicant(applicantId)).filter((consent) => consent.withdrawnAt === null);
      await prisma.consent.updateMany({
        where: { id: { in: inForce.map((consent) => consent.id) }, withdrawnAt: null },
        data: { withdrawnAt: at },
      });
      return inForce;
    },
  };
}
