// Settings of the staff chat and what the bot posted there. A post's meaning
// is JSON that the staff chat service parses (services/staff-posts.ts).
import { isLanguage, type Language } from "../domain/language.ts";
import type { DbClient } from "./client.ts";
import type { Prisma } from "./generated/client.ts";

export type StoredStaffPost = { kind: string; applicationId: string | null; threadId: string | null; payload: unknown };

/** A question asked one operator: when, and whether it repeats an earlier one. */
export type QuestionMark = { operatorId: number; askedAt: Date; reminder: boolean };

export function createStaffChatRepository(prisma: DbClient) {
  return {
    async language(chatId: number): Promise<Language> {
      const row = await prisma.staffChat.findUnique({ where: { chatId: BigInt(chatId) } });
      return isLanguage(row?.language) ? row.language : "ru";
    },

    async setLanguage(chatId: number, language: Language): Promise<void> {
      await prisma.staffChat.upsert({
        where: { chatId: BigInt(chatId) },
        create: { chatId: BigInt(chatId), language },
        update: { language },
      });
    },

    /** The id the group moved to when it became a supergroup, if it did. */
    async migratedTo(chatId: number): Promise<number | undefined> {
      const row = await prisma.staffChat.findUnique({ where: { chatId: BigInt(chatId) } });
      return row?.migratedTo == null ? undefined : Number(row.migratedTo);
    },

    /**
     * The group `from` is the supergroup `to` now: `to` takes its settings.
     * False when this was recorded already (by another instance).
     */
    async recordMigration(from: number, to: number): Promise<boolean> {
      if ((await this.migratedTo(from)) === to) return false;
      const language = await this.language(from);
      await prisma.staffChat.upsert({
        where: { chatId: BigInt(from) },
        create: { chatId: BigInt(from), language, migratedTo: BigInt(to) },
        update: { migratedTo: BigInt(to) },
      });
      await prisma.staffChat.upsert({
        where: { chatId: BigInt(to) },
        create: { chatId: BigInt(to), language },
        update: { language },
      });
      return true;
    },

    async recordPost(
      chatId: number,
      messageId: number,
      post: { kind: string; payload: Record<string, unknown> },
      question?: QuestionMark,
    ): Promise<void> {
      const { applicationId, threadId } = post.payload as { applicationId?: string; threadId?: string };
      await prisma.staffPost.create({
        data: {
          chatId: BigInt(chatId),
          messageId,
          kind: post.kind,
          applicationId: applicationId ?? null,
          threadId: threadId ?? null,
          payload: post.payload as Prisma.InputJsonValue,
          ...(question
            ? { operatorId: BigInt(question.operatorId), askedAt: question.askedAt, reminder: question.reminder }
            : {}),
        },
      });
    },

    /** The newest question asked this operator since then, with its message. */
    async latestQuestion(
      chatId: number,
      operatorId: number,
      since: Date,
    ): Promise<(StoredStaffPost & { messageId: number; reminder: boolean }) | undefined> {
      const row = await prisma.staffPost.findFirst({
        where: { chatId: BigInt(chatId), operatorId: BigInt(operatorId), askedAt: { gte: since } },
        orderBy: [{ askedAt: "desc" }, { messageId: "desc" }],
      });
      return row
        ? {
            kind: row.kind,
            applicationId: row.applicationId,
            threadId: row.threadId,
            payload: row.payload,
            messageId: row.messageId,
            reminder: row.reminder,
          }
        : undefined;
    },

    async findPost(chatId: number, messageId: number): Promise<StoredStaffPost | undefined> {
      const row = await prisma.staffPost.findUnique({
        where: { chatId_messageId: { chatId: BigInt(chatId), messageId } },
      });
      return row
        ? { kind: row.kind, applicationId: row.applicationId, threadId: row.threadId, payload: row.payload }
        : undefined;
    },
  };
}
