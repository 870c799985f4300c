// Prisma access for one-time password challenges. Codes are stored hashed.
import type { PrismaClient } from "./generated/client.ts";

export type StoredChallenge = {
  id: string;
  phone: string;
  codeHash: string;
  attempts: number;
  createdAt: Date;
  expiresAt: Date;
  consumedAt: Date | null;
};

export type OtpChallengeRepository = ReturnType<typeof createOtpChallengeRepository>;

export function createOtpChallengeRepository(prisma: PrismaClient) {
  return {
    async create(input: { applicantId: string; purpose: string; phone: string; codeHash: string; createdAt: Date; expiresAt: Date }): Promise<void> {
      await prisma.otpChallenge.create({ data: input });
    },

    async latest(applicantId: string, purpose: string): Promise<StoredChallenge | undefined> {
      const row = await prisma.otpChallenge.findFirst({ where: { applicantId, purpose }, orderBy: { createdAt: "desc" } });
      return row ?? undefined;
    },

    async sentSince(applicantId: string, purpose: string, since: Date): Promise<Date[]> {
      const rows = await prisma.otpChallenge.findMany({ where: { applicantId, purpose, createdAt: { gt: since } }, select: { createdAt: true } });
      return rows.map((row) => row.createdAt);
    },

    async countWrongTry(id: string): Promise<void> {
      await prisma.otpChallenge.update({ where: { id }, data: { attempts: { increment: 1 } } });
    },

    /** Marks the code used; false when another request used it first. */
    async consume(id: string, at: Date): Promise<boolean> {
      const { count } = await prisma.otpChallenge.updateMany({ where: { id, consumedAt: null }, data: { consumedAt: at } });
      return count === 1;
    },
  };
}
