// Prisma access for applicants: the people who write to the bot.
import { isLanguage, type Language } from "../domain/language.ts";
import type { PrismaClient } from "./generated/client.ts";

export type ApplicantRepository = ReturnType<typeof createApplicantRepository>;

export function createApplicantRepository(prisma: PrismaClient) {
  return {
    async findLanguage(telegramUserId: number): Promise<Language | undefined> {
      const applicant = await prisma.applicant.findUnique({
        where: { telegramUserId: BigInt(telegramUserId) },
        select: { language: true },
      });
      return isLanguage(applicant?.language) ? applicant.language : undefined;
    },

    async saveLanguage(telegramUserId: number, chatId: number, language: Language): Promise<void> {
      await prisma.applicant.upsert({
        where: { telegramUserId: BigInt(telegramUserId) },
        create: { telegramUserId: BigInt(telegramUserId), chatId: BigInt(chatId), language },
        update: { language, chatId: BigInt(chatId) },
      });
    },
  };
}
