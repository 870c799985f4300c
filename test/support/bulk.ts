// Many submitted applications at once, written straight to the database (the
// registration path is tested elsewhere): for reminder and load tests.
import type { Database } from "../../src/db/database.ts";
import { aForm } from "./fixtures.ts";

const form = aForm();

/** One applicant (chat = Telegram id) and one submitted application per id; returns the application ids. */
export async function insertSubmittedApplications(
  { prisma, cipher }: Pick<Database, "prisma" | "cipher">,
  telegramIds: number[],
  dueDate: string,
  submittedAt: Date,
): Promise<string[]> {
  await prisma.applicant.createMany({
    data: telegramIds.map((id) => ({ telegramUserId: BigInt(id), chatId: BigInt(id), language: "ru" as const })),
  });
  const applicants = await prisma.applicant.findMany({
    where: { telegramUserId: { in: telegramIds.map(BigInt) } },
    select: { id: true, telegramUserId: true },
  });
  const byTelegram = new Map(applicants.map((a) => [Number(a.telegramUserId), a.id]));
  await prisma.application.createMany({
    data: telegramIds.map((id, i) => ({
      applicantId: byTelegram.get(id)!,
      status: "submitted" as const,
      number: `2099-${String(i + 1).padStart(6, "0")}-${id}`,
      form: cipher.sealJson("application.form", form),
      submittedAt,
      dueDate,
    })),
  });
  const rows = await prisma.application.findMany({
    where: { applicantId: { in: [...byTelegram.values()] } },
    select: { id: true, applicantId: true },
  });
  const byApplicant = new Map(rows.map((r) => [r.applicantId, r.id]));
  return telegramIds.map((id) => byApplicant.get(byTelegram.get(id)!)!);
}
