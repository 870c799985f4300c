// Prisma access for support threads (an applicant talking to an operator).
import type { DbClient } from "./client.ts";

export type StoredThread = {
  id: string;
  applicantId: string;
  applicationId: string | null;
  status: "open" | "closed";
  staffMessageId: number | null;
  openedAt: Date;
  /** The operator who closed it, as Telegram named them. */
  closedByName: string | null;
};

export function createSupportThreadRepository(prisma: DbClient) {
  return {
    async findOpen(applicantId: string): Promise<StoredThread | undefined> {
      return (
        (await prisma.supportThread.findFirst({
          where: { applicantId, status: "open" },
          orderBy: { openedAt: "desc" },
        })) ?? undefined
      );
    },

    async open(applicantId: string, applicationId: string | null, at: Date): Promise<StoredThread> {
      return prisma.supportThread.create({ data: { applicantId, applicationId, openedAt: at } });
    },

    async setStaffMessage(id: string, messageId: number): Promise<void> {
      await prisma.supportThread.update({ where: { id }, data: { staffMessageId: messageId } });
    },

    async findById(id: string): Promise<StoredThread | undefined> {
      return (await prisma.supportThread.findUnique({ where: { id } })) ?? undefined;
    },

    /** Closes an open thread; false when it was closed already. */
    async close(id: string, at: Date, byName: string): Promise<boolean> {
      const { count } = await prisma.supportThread.updateMany({
        where: { id, status: "open" },
        data: { status: "closed", closedAt: at, closedByName: byName },
      });
      return count === 1;
    },
  };
}
