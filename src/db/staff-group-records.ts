// What the database knows of the bot's messages in the staff group: the posts
// recorded with their chat (staff_post), and the cards kept on their
// subject's row (staff_message_id, in the staff chat of the time, its chat
// not written down). Read to mask what older versions posted there.
import type { DbClient } from "./client.ts";

export type RecordedPost = {
  chatId: number;
  messageId: number;
  kind: string;
  applicationId: string | null;
  threadId: string | null;
  payload: unknown;
};

export type CardRow = { subject: "application" | "appeal" | "complaint" | "thread"; id: string; messageId: number };

export type StaffGroupRecords = ReturnType<typeof createStaffGroupRecords>;

export function createStaffGroupRecords(prisma: DbClient) {
  return {
    /** Posts of these kinds, in every chat, oldest message first. */
    async posts(kinds: readonly string[]): Promise<RecordedPost[]> {
      const rows = await prisma.staffPost.findMany({
        where: { kind: { in: [...kinds] } },
        orderBy: [{ chatId: "asc" }, { messageId: "asc" }],
      });
      return rows.map((row) => ({
        chatId: Number(row.chatId),
        messageId: row.messageId,
        kind: row.kind,
        applicationId: row.applicationId,
        threadId: row.threadId,
        payload: row.payload,
      }));
    },

    /** Every card kept on its subject's row (a negative id was an old claim marker, never a message). */
    async cards(): Promise<CardRow[]> {
      const posted = { staffMessageId: { gt: 0 } };
      const select = { id: true, staffMessageId: true } as const;
      const of = (subject: CardRow["subject"], rows: Array<{ id: string; staffMessageId: number | null }>) =>
        rows.map((row) => ({ subject, id: row.id, messageId: row.staffMessageId ?? 0 }));
      return [
        ...of("application", await prisma.application.findMany({ where: posted, select })),
        ...of("appeal", await prisma.appeal.findMany({ where: posted, select })),
        ...of("complaint", await prisma.complaint.findMany({ where: posted, select })),
        ...of("thread", await prisma.supportThread.findMany({ where: posted, select })),
      ];
    },

    /** Whether some group became this chat (a supergroup): cards kept on rows may then be in either. */
    async anyMovedInto(chatId: number): Promise<boolean> {
      return (await prisma.staffChat.count({ where: { migratedTo: BigInt(chatId) } })) > 0;
    },
  };
}
