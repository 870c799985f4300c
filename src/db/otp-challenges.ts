// Prisma access for one-time password challenges. Codes are stored hashed.
import type { DbClient } from "./client.ts";
import type { FieldCipher } from "./field-cipher.ts";
import type { OtpChallenge } from "./generated/client.ts";

export type StoredChallenge = {
  id: string;
  phone: string;
  codeHash: string;
  attempts: number;
  createdAt: Date;
  expiresAt: Date;
  consumedAt: Date | null;
  requestKey: string | null;
  consumedKey: string | null;
  lastTryKey: string | null;
};

export type NewChallenge = Pick<StoredChallenge, "phone" | "codeHash" | "createdAt" | "expiresAt"> & {
  applicantId: string;
  purpose: string;
  /** The update that asked for the code: asking again with it finds this challenge. */
  requestKey: string;
};

export type OtpChallengeRepository = ReturnType<typeof createOtpChallengeRepository>;

export function createOtpChallengeRepository(prisma: DbClient, cipher: FieldCipher) {
  const one = (row: OtpChallenge | null): StoredChallenge | undefined =>
    row ? { ...row, phone: cipher.open("otp_challenge.phone", row.phone) } : undefined;
  return {
    async create(input: NewChallenge): Promise<void> {
      await prisma.otpChallenge.create({ data: { ...input, phone: cipher.seal("otp_challenge.phone", input.phone) } });
    },

    async findByRequest(requestKey: string): Promise<StoredChallenge | undefined> {
      return one(await prisma.otpChallenge.findUnique({ where: { requestKey } }));
    },

    async latest(applicantId: string, purpose: string): Promise<StoredChallenge | undefined> {
      return one(
        await prisma.otpChallenge.findFirst({ where: { applicantId, purpose }, orderBy: { createdAt: "desc" } }),
      );
    },

    async sentSince(applicantId: string, purpose: string, since: Date): Promise<Date[]> {
      const rows = await prisma.otpChallenge.findMany({
        where: { applicantId, purpose, createdAt: { gt: since } },
        select: { createdAt: true },
      });
      return rows.map((row) => row.createdAt);
    },

    /** Counts a wrong try once per update, however often that update is handled. */
    async countWrongTry(id: string, tryKey: string): Promise<void> {
      await prisma.otpChallenge.updateMany({
        where: { id, OR: [{ lastTryKey: null }, { lastTryKey: { not: tryKey } }] },
        data: { attempts: { increment: 1 }, lastTryKey: tryKey },
      });
    },

    /** Deletes the challenges that ended (used or expired) before `before`; how many. */
    async purgeEndedBefore(before: Date): Promise<number> {
      const { count } = await prisma.otpChallenge.deleteMany({
        where: { OR: [{ consumedAt: { lt: before } }, { expiresAt: { lt: before } }] },
      });
      return count;
    },

    /** Marks the code used by this update; false when another update used it first. */
    async consume(id: string, at: Date, key: string): Promise<boolean> {
      const { count } = await prisma.otpChallenge.updateMany({
        where: { id, consumedAt: null },
        data: { consumedAt: at, consumedKey: key },
      });
      return count === 1;
    },
  };
}
