// Settings of the staff chat and what the bot posted there.
import { isLanguage, type Language } from "../domain/language.ts";
import type { Prisma, PrismaClient } from "./generated/client.ts";

export type StaffPostKind = "application_card" | "due_warning" | "thread_card" | "thread_message" | "refusal_comment" | "appeal_card" | "appeal_reply" | "complaint_reply";

export type StaffPost = {
  kind: StaffPostKind;
  applicationId: string | null;
  threadId: string | null;
  payload: Record<string, unknown> | null;
};

export function createStaffChatRepository(prisma: PrismaClient) {
  return {
    async language(chatId: number): Promise<Language> {
      const row = await prisma.staffChat.findUnique({ where: { chatId: BigInt(chatId) } });
      return isLanguage(row?.language) ? row.language : "ru";
    },

    async setLanguage(chatId: number, language: Language): Promise<void> {
      await prisma.staffChat.upsert({ where: { chatId: BigInt(chatId) }, create: { chatId: BigInt(chatId), language }, update: { language } });
    },

    async recordPost(chatId: number, messageId: number, post: Partial<StaffPost> & { kind: StaffPostKind }): Promise<void> {
      await prisma.staffPost.create({
        data: {
          chatId: BigInt(chatId),
          messageId,
          kind: post.kind,
          applicationId: post.applicationId ?? null,
          threadId: post.threadId ?? null,
          payload: (post.payload ?? undefined) as Prisma.InputJsonValue | undefined,
        },
      });
    },

    async findPost(chatId: number, messageId: number): Promise<StaffPost | undefined> {
      const row = await prisma.staffPost.findUnique({ where: { chatId_messageId: { chatId: BigInt(chatId), messageId } } });
      if (!row) return undefined;
      return { kind: row.kind as StaffPostKind, applicationId: row.applicationId, threadId: row.threadId, payload: (row.payload ?? null) as Record<string, unknown> | null };
    },
  };
}
