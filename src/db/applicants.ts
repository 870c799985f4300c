// Prisma access for applicants: the people who write to the bot.
import { isLanguage, type Language } from "../domain/language.ts";
import type { DbClient } from "./client.ts";
import type { FieldCipher } from "./field-cipher.ts";
import { prismaSql, type SqlClient } from "./sql-client.ts";

export type ApplicantRecord = {
  id: string;
  telegramUserId: number;
  chatId: number;
  language: Language | undefined;
  phone: string | undefined;
};

type ApplicantRow = {
  id: string;
  telegramUserId: bigint;
  chatId: bigint;
  language: string | null;
  phone: string | null;
};

function toApplicantRecord(row: ApplicantRow, cipher: FieldCipher): ApplicantRecord {
  return {
    id: row.id,
    telegramUserId: Number(row.telegramUserId),
    chatId: Number(row.chatId),
    language: isLanguage(row.language) ? row.language : undefined,
    phone: row.phone === null ? undefined : cipher.open("applicant.phone", row.phone),
  };
}

export type ApplicantRepository = ReturnType<typeof createApplicantRepository>;

/** `sql` runs the language read (every update): the driver itself, or (the default) the same Prisma client. */
export function createApplicantRepository(prisma: DbClient, cipher: FieldCipher, sql: SqlClient = prismaSql(prisma)) {
  return {
    async findLanguage(telegramUserId: number): Promise<Language | undefined> {
      const [applicant] = await sql.rows<{ language: string | null }>(
        "SELECT language::text AS language FROM applicant WHERE telegram_user_id = $1::bigint",
        [telegramUserId],
      );
      return isLanguage(applicant?.language) ? applicant.language : undefined;
    },

    async saveLanguage(telegramUserId: number, chatId: number, language: Language): Promise<void> {
      await prisma.applicant.upsert({
        where: { telegramUserId: BigInt(telegramUserId) },
        create: { telegramUserId: BigInt(telegramUserId), chatId: BigInt(chatId), language },
        update: { language, chatId: BigInt(chatId) },
      });
    },

    async findByTelegramId(telegramUserId: number): Promise<ApplicantRecord | undefined> {
      const row = await prisma.applicant.findUnique({ where: { telegramUserId: BigInt(telegramUserId) } });
      if (!row) return undefined;
      return toApplicantRecord(row, cipher);
    },

    async findById(id: string): Promise<ApplicantRecord | undefined> {
      const row = await prisma.applicant.findUnique({ where: { id } });
      if (!row) return undefined;
      return toApplicantRecord(row, cipher);
    },

    async ensure(telegramUserId: number, chatId: number): Promise<ApplicantRecord> {
      const row = await prisma.applicant.upsert({
        where: { telegramUserId: BigInt(telegramUserId) },
        create: { telegramUserId: BigInt(telegramUserId), chatId: BigInt(chatId) },
        update: {},
      });
      return toApplicantRecord(row, cipher);
    },

    /** A phone confirmed by a one-time password: offered next time. */
    async savePhone(id: string, phone: string): Promise<void> {
      await prisma.applicant.update({ where: { id }, data: { phone: cipher.seal("applicant.phone", phone) } });
    },

    /** Identity confirmed by a signed application: kept on the applicant for later requests. */
    async saveIdentity(id: string, identity: { iin: string; phone: string }): Promise<void> {
      await prisma.applicant.update({
        where: { id },
        data: {
          iin: cipher.seal("applicant.iin", identity.iin),
          iinIndex: cipher.blindIndex("iin", identity.iin),
          phone: cipher.seal("applicant.phone", identity.phone),
        },
      });
    },
  };
}
