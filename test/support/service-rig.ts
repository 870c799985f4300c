// The services on a fresh embedded PGlite, without Telegram: for tests of the
// use cases themselves. `submitApplication` takes a form through the same
// draft → submit path the bot uses.

import { type Database, openDatabase } from "../../src/db/database.ts";
import type { ApplicationForm } from "../../src/domain/application.ts";
import { createServices, type Services } from "../../src/services/index.ts";
import { standInMobileRegistry } from "../../src/services/mobile-registry.ts";
import type { Receipt } from "../../src/services/registration.ts";
import { type TestDatabase, temporaryPglite } from "./databases.ts";
import { testCipher } from "./test-keys.ts";

export type ServiceRig = {
  services: Services;
  db: Database;
  /** Draft, last section stored, submitted: the application as the staff chat receives it. */
  submitApplication(
    telegramUserId: number,
    form: ApplicationForm,
    at: Date,
  ): Promise<Receipt & { applicationId: string }>;
  /** The outbox rows of one chat scheduled so far, earliest due first. */
  reminders(chatId: number): Promise<Array<{ kind: string; chatId: number; dueAt: Date; payload: unknown }>>;
  /** The audit trail of one subject, oldest first. */
  auditOf(subjectId: string): Promise<Array<{ action: string; actorId: number; before: unknown; after: unknown }>>;
  close(): Promise<void>;
};

export async function openServiceRig(): Promise<ServiceRig> {
  const testDb: TestDatabase = temporaryPglite();
  const db = await openDatabase(testDb.settings, { cipher: testCipher });
  const services = createServices({
    db: db.work,
    clock: { now: () => new Date() },
    sms: { send: async () => {} },
    registry: standInMobileRegistry(),
    secret: "test-secret",
    appealReceiver: { name: "Оператор Айгуль", position: "специалист центра занятости" },
  });
  return {
    services,
    db,
    async submitApplication(telegramUserId, form, at) {
      const draft = await services.registration.openDraft(telegramUserId, telegramUserId, "phone");
      const state = () => ({ value: null, pending: [], prompt: null, lastUpdateId: 1 });
      await services.conversationStates.save(telegramUserId, state, {
        section: { draftId: draft.id, patch: form, step: "otp", editing: false },
      });
      const receipt = await services.registration.submit(draft.id, at);
      return { ...receipt, applicationId: draft.id };
    },
    async reminders(chatId) {
      const rows = await db.prisma.reminder.findMany({
        where: { chatId: BigInt(chatId) },
        orderBy: [{ dueAt: "asc" }, { kind: "asc" }],
      });
      return rows.map((row) => ({
        kind: row.kind,
        chatId: Number(row.chatId),
        dueAt: row.dueAt,
        payload: row.payload,
      }));
    },
    async auditOf(subjectId) {
      const rows = await db.prisma.auditEntry.findMany({ where: { subjectId }, orderBy: { at: "asc" } });
      return rows.map((row) => ({
        action: row.action,
        actorId: Number(row.actorId),
        before: row.before,
        after: row.after,
      }));
    },
    async close() {
      await db.close();
      await testDb.drop();
    },
  };
}
