import type { DbClient } from "./client.ts";

export type ConsentRepository = ReturnType<typeof createConsentRepository>;

export function createConsentRepository(prisma: DbClient) {
  return {
    async record(input: {
      applicantId: string;
      applicationId: string;
      textVersion: string;
      givenAt: Date;
    }): Promise<void> {
      await prisma.consent.create({ data: input });
    },

    async exists(applicationId: string, textVersion: string): Promise<boolean> {
      return (await prisma.consent.count({ where: { applicationId, textVersion } })) > 0;
    },
  };
}
