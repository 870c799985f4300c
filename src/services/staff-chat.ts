// The staff chat's language, and what the bot's messages there stand for.
import type { UnitOfWork } from "../db/unit-of-work.ts";
import type { Language } from "../domain/language.ts";
import { parseStaffPost, type StaffPost } from "./staff-posts.ts";

export type StaffChat = ReturnType<typeof createStaffChat>;

export function createStaffChat(db: UnitOfWork) {
  const { staffChats } = db.repos;
  return {
    language: (chatId: number): Promise<Language> => staffChats.language(chatId),
    setLanguage: (chatId: number, language: Language): Promise<void> => staffChats.setLanguage(chatId, language),
    recordPost: (chatId: number, messageId: number, post: StaffPost): Promise<void> =>
      staffChats.recordPost(chatId, messageId, { kind: post.kind, payload: post }),
    async findPost(chatId: number, messageId: number): Promise<StaffPost | undefined> {
      const row = await staffChats.findPost(chatId, messageId);
      return row ? parseStaffPost(row) : undefined;
    },
  };
}
