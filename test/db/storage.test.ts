// The same suite on embedded PGlite and, when TEST_DATABASE_URL is set, on PostgreSQL.

import { createHash } from "node:crypto";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createApplicantRepository } from "../../src/db/applicants.ts";
import { createApplicationRepository } from "../../src/db/applications.ts";
import { type Database, openDatabase } from "../../src/db/database.ts";
import { defaultMigrationsDir, readMigrations } from "../../src/db/migrate.ts";
import { storageKinds, type TestDatabase, temporaryPostgres } from "../support/databases.ts";
import { aCompleteForm } from "../support/fixtures.ts";
import { testCipher } from "../support/test-keys.ts";

const completeForm = aCompleteForm();

describe.each(storageKinds())("storage on $kind", ({ create }) => {
  let testDb: TestDatabase;
  let db: Database;

  beforeEach(async () => {
    testDb = await create();
    db = await openDatabase(testDb.settings, { cipher: testCipher });
  });

  afterEach(async () => {
    await db?.close();
    await testDb?.drop();
  });

  it("applies every migration once and records it as Prisma does", async () => {
    const migrations = readMigrations();
    expect(db.appliedMigrations).toEqual(migrations.map((m) => m.name));

    const rows = await db.prisma.$queryRawUnsafe<
      Array<{ migration_name: string; checksum: string; finished_at: Date | null; applied_steps_count: number }>
    >(
      `SELECT migration_name, checksum, finished_at, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name`,
    );
    expect(rows.map((r) => r.migration_name)).toEqual(migrations.map((m) => m.name));
    for (const [i, row] of rows.entries()) {
      const file = readFileSync(path.join(defaultMigrationsDir, migrations[i]!.name, "migration.sql"));
      expect(row.checksum).toBe(createHash("sha256").update(file).digest("hex"));
      expect(row.finished_at).not.toBeNull();
      expect(row.applied_steps_count).toBe(1);
    }
  });

  it("applies nothing the second time", async () => {
    await db.close();
    db = await openDatabase(testDb.settings, { cipher: testCipher });
    expect(db.appliedMigrations).toEqual([]);
  });

  it("refuses to start when an applied migration was edited", async () => {
    await db.close();
    const dir = copyMigrations();
    const first = readMigrations(dir)[0]!.name;
    writeFileSync(
      path.join(dir, first, "migration.sql"),
      `${readFileSync(path.join(dir, first, "migration.sql"), "utf8")}\n-- edited\n`,
    );
    await expect(openDatabase(testDb.settings, { cipher: testCipher, migrationsDir: dir })).rejects.toThrow(
      /was changed after it was applied/,
    );
    db = await openDatabase(testDb.settings, { cipher: testCipher });
  });

  it("rolls a failing migration back whole and does not record it", async () => {
    await db.close();
    const dir = copyMigrations();
    mkdirSync(path.join(dir, "99990101000000_broken"));
    writeFileSync(
      path.join(dir, "99990101000000_broken", "migration.sql"),
      `CREATE TABLE "half_done" (id INT);\nALTER TABLE "no_such_table" ADD COLUMN x INT;\n`,
    );
    await expect(openDatabase(testDb.settings, { cipher: testCipher, migrationsDir: dir })).rejects.toThrow(
      /99990101000000_broken failed/,
    );
    db = await openDatabase(testDb.settings, { cipher: testCipher });
    const tables = await db.prisma.$queryRawUnsafe<unknown[]>(
      `SELECT 1 FROM information_schema.tables WHERE table_name = 'half_done'`,
    );
    expect(tables).toHaveLength(0);
    const recorded = await db.prisma.$queryRawUnsafe<unknown[]>(
      `SELECT 1 FROM "_prisma_migrations" WHERE migration_name = '99990101000000_broken'`,
    );
    expect(recorded).toHaveLength(0);
  });

  it("keeps a person's language", async () => {
    const applicants = createApplicantRepository(db.prisma, db.cipher);
    expect(await applicants.findLanguage(1001)).toBeUndefined();
    await applicants.saveLanguage(1001, 1001, "kk");
    await applicants.saveLanguage(1001, 1001, "en");
    expect(await applicants.findLanguage(1001)).toBe("en");
    expect(await db.prisma.applicant.count()).toBe(1);
  });

  it("stores an application whose form round-trips through the domain schema", async () => {
    const applicant = await db.prisma.applicant.create({ data: { telegramUserId: 2002n, chatId: 2002n } });
    const applications = createApplicationRepository(db.prisma, db.cipher);
    const draft = await applications.createDraft(applicant.id, { phone: completeForm.phone });
    await applications.saveDraft(draft.id, { phone: completeForm.phone, iin: completeForm.iin });
    const submittedAt = new Date("2026-11-27T06:30:00Z");
    await applications.submit(draft.id, completeForm, { number: "JS-2026-000001", submittedAt, dueDate: "2026-11-30" });

    const stored = await applications.findById(draft.id);
    expect(stored).toMatchObject({
      status: "submitted",
      number: "JS-2026-000001",
      dueDate: "2026-11-30",
      form: completeForm,
    });
    expect(stored?.submittedAt?.toISOString()).toBe(submittedAt.toISOString());
  });

  it("refuses to store a form the domain rejects, and keeps what was there", async () => {
    const applicant = await db.prisma.applicant.create({ data: { telegramUserId: 3003n, chatId: 3003n } });
    const applications = createApplicationRepository(db.prisma, db.cipher);
    const draft = await applications.createDraft(applicant.id, { phone: "+77011234567" });
    await expect(applications.saveDraft(draft.id, { phone: "+77011234567", iin: "900101300018" })).rejects.toThrow();
    await expect(
      applications.submit(
        draft.id,
        { ...completeForm, desiredSalary: -5 },
        { number: "X", submittedAt: new Date(), dueDate: "2026-11-30" },
      ),
    ).rejects.toThrow();
    expect((await applications.findById(draft.id))?.form).toEqual({ phone: "+77011234567" });
    expect((await applications.findById(draft.id))?.status).toBe("draft");
  });

  it("keeps notifications, one-time passwords, consents and conversation state", async () => {
    const applicant = await db.prisma.applicant.create({
      data: { telegramUserId: 4004n, chatId: 4004n, iin: "900101300017", phone: "+77011234567" },
    });
    const application = await db.prisma.application.create({
      data: { applicantId: applicant.id, form: db.cipher.sealJson("application.form", {}) },
    });
    await db.prisma.notification.create({
      data: { applicantId: applicant.id, applicationId: application.id, kind: "received", payload: { number: "1" } },
    });
    await db.prisma.otpChallenge.create({
      data: {
        applicantId: applicant.id,
        purpose: "sign_application",
        phone: "+77011234567",
        codeHash: "x".repeat(64),
        expiresAt: new Date(Date.now() + 300_000),
      },
    });
    await db.prisma.consent.create({
      data: { applicantId: applicant.id, applicationId: application.id, textVersion: "2026-11", givenAt: new Date() },
    });
    await db.prisma.conversationState.upsert({
      where: { key: "chat:4004" },
      create: { key: "chat:4004", value: JSON.stringify({ step: 3 }) },
      update: { value: JSON.stringify({ step: 4 }) },
    });
    await db.prisma.conversationState.upsert({
      where: { key: "chat:4004" },
      create: { key: "chat:4004", value: JSON.stringify({ step: 3 }) },
      update: { value: JSON.stringify({ step: 4 }) },
    });

    const loaded = await db.prisma.applicant.findUniqueOrThrow({
      where: { id: applicant.id },
      include: { notifications: true, otpChallenges: true, consents: true },
    });
    expect(loaded.notifications).toHaveLength(1);
    expect(loaded.otpChallenges[0]?.attempts).toBe(0);
    expect(loaded.consents[0]?.textVersion).toBe("2026-11");
    expect((await db.prisma.conversationState.findUnique({ where: { key: "chat:4004" } }))?.value).toBe('{"step":4}');
  });
});

function copyMigrations(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "migrations-"));
  cpSync(defaultMigrationsDir, dir, { recursive: true });
  return dir;
}

describe.runIf(process.env.TEST_DATABASE_URL)("two instances starting together on PostgreSQL", () => {
  it("apply each migration once", async () => {
    const testDb = await temporaryPostgres(process.env.TEST_DATABASE_URL!);
    try {
      const [a, b] = await Promise.all([
        openDatabase(testDb.settings, { cipher: testCipher }),
        openDatabase(testDb.settings, { cipher: testCipher }),
      ]);
      expect([...a.appliedMigrations, ...b.appliedMigrations]).toEqual(readMigrations().map((m) => m.name));
      const rows = await a.prisma.$queryRawUnsafe<unknown[]>(`SELECT 1 FROM "_prisma_migrations"`);
      expect(rows).toHaveLength(readMigrations().length);
      await a.close();
      await b.close();
    } finally {
      await testDb.drop();
    }
  });
});

describe.each(storageKinds())("audit trail on $kind", ({ create }) => {
  it("refuses to change or delete an entry", async () => {
    const testDb = await create();
    const db = await openDatabase(testDb.settings, { cipher: testCipher });
    try {
      await db.prisma.auditEntry.create({
        data: {
          at: new Date(),
          actorId: 1n,
          actorName: "Оператор",
          action: "application.register",
          subjectType: "application",
          subjectId: "x",
        },
      });
      await expect(db.prisma.auditEntry.updateMany({ data: { action: "application.refuse" } })).rejects.toThrow();
      await expect(db.prisma.auditEntry.deleteMany({})).rejects.toThrow();
      expect(await db.prisma.auditEntry.count()).toBe(1);
    } finally {
      await db.close();
      await testDb.drop();
    }
  });
});
