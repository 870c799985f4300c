// Personal data at rest on both storage kinds: every sealed column holds
// ciphertext under the current key, rotation re-seals all of it (and may stop
// at any point), and rows a database held in clear before encryption came in
// are sealed at the next start.
import { readdirSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import type { Config } from "../../src/config.ts";
import { rotateData } from "../../src/db/data-rotation.ts";
import { type Database, openDatabase } from "../../src/db/database.ts";
import { createFieldCipher, parseDataKeys, parseKeyBytes } from "../../src/db/field-cipher.ts";
import { applyMigrations, defaultMigrationsDir, readMigrations } from "../../src/db/migrate.ts";
import { columnName, sealedTables } from "../../src/db/sealed-columns.ts";
import { pgliteConnection, postgresConnection, type SqlConnection } from "../../src/db/sql-connection.ts";
import { storageKinds, type TestDatabase } from "../support/databases.ts";
import { aComplaint, aCompleteForm, anAppeal } from "../support/fixtures.ts";
import { validIin } from "../support/iins.ts";
import { TEST_KEYS_ENV, testCipher } from "../support/test-keys.ts";

const indexKey = parseKeyBytes(TEST_KEYS_ENV.DATA_INDEX_KEY, "index");
const [k1] = parseDataKeys(TEST_KEYS_ENV.DATA_KEYS);
const k2 = { id: "k2", key: Buffer.alloc(32, 7) };
const rotatedCipher = createFieldCipher({ dataKeys: [k2, k1!], indexKey });
const onlyNewKey = createFieldCipher({ dataKeys: [k2], indexKey });

const people = [
  { telegramId: 501, iin: validIin(501), phone: "+77011234567", surname: "Сейітқали" },
  { telegramId: 502, iin: validIin(502), phone: "+77029876543", surname: "Жұмабаев" },
  { telegramId: 503, iin: validIin(503), phone: "+77475550011", surname: "Ivanova" },
];

describe.each(storageKinds())("sealed data on $kind", ({ create }) => {
  let testDb: TestDatabase;
  let db: Database | undefined;

  afterEach(async () => {
    await db?.close();
    db = undefined;
    await testDb?.drop();
  });

  it("rotation re-seals every value under the first key, may stop midway, and the bot reads them after", async () => {
    testDb = await create();
    db = await openDatabase(testDb.settings, { cipher: testCipher });
    for (const person of people) await fileEverything(db, person);
    await expectAllSealedUnder(db, "test-1");
    await db.close();

    db = await openDatabase(testDb.settings, { cipher: rotatedCipher });
    const stop = new Error("stopped");
    let batches = 0;
    await expect(
      db.withConnection((c) =>
        rotateData(c, rotatedCipher, {
          batchSize: 2,
          onBatch: () => {
            if (++batches === 3) throw stop;
          },
        }),
      ),
    ).rejects.toBe(stop);
    const report = await db.withConnection((c) => rotateData(c, rotatedCipher, { batchSize: 2 }));
    expect(report.failed).toBe(0);
    // 3 applicants, applications, challenges, states, updates, appeals, complaints; some done before the stop.
    expect(report.resealed).toBeGreaterThan(0);
    expect(report.resealed).toBeLessThan(21);
    await expectAllSealedUnder(db, "k2");
    expect((await db.withConnection((c) => rotateData(c, rotatedCipher))).resealed).toBe(0);
    await db.close();

    db = await openDatabase(testDb.settings, { cipher: onlyNewKey });
    for (const person of people) await expectReadable(db, person);
  });

  it("rows stored in clear before encryption are sealed at the next start, with their blind index", async () => {
    testDb = await create();
    await withRawConnection(testDb.settings, async (connection) => {
      const before = readMigrations().filter((m) => m.name < encryptionMigration());
      await applyMigrations(connection, before);
      for (const person of people) await insertInClear(connection, person);
    });

    db = await openDatabase(testDb.settings, { cipher: testCipher });
    expect(db.sealedAtStart).toEqual(expect.objectContaining({ failed: 0, resealed: 7 * people.length }));
    await expectAllSealedUnder(db, "test-1");
    for (const person of people) await expectReadable(db, person, { migrated: true });
    await db.close();

    db = await openDatabase(testDb.settings, { cipher: testCipher });
    expect(db.sealedAtStart).toBeUndefined();
    // One active application per IIN still holds, now on the blind index.
    const [first] = people;
    const applicant = await db.work.repos.applicants.ensure(999, 999);
    const draft = await db.work.repos.applications.createDraft(applicant.id, {});
    await expect(
      db.work.repos.applications.submit(draft.id, aCompleteForm({ iin: first!.iin, phone: first!.phone }), {
        number: "2026-000999",
        submittedAt: new Date(),
        dueDate: "2026-12-04",
      }),
    ).rejects.toThrow();
  });
});

async function fileEverything(db: Database, person: (typeof people)[number]): Promise<void> {
  const { repos } = db.work;
  const applicant = await repos.applicants.ensure(person.telegramId, person.telegramId);
  await repos.applicants.saveIdentity(applicant.id, { iin: person.iin, phone: person.phone });
  const draft = await repos.applications.createDraft(applicant.id, { phone: person.phone });
  await repos.applications.submit(draft.id, formOf(person), {
    number: `2026-000${person.telegramId}`,
    submittedAt: new Date(),
    dueDate: "2026-12-04",
  });
  await repos.otpChallenges.create({
    applicantId: applicant.id,
    purpose: "sign_application",
    phone: person.phone,
    codeHash: "x".repeat(64),
    createdAt: new Date(),
    expiresAt: new Date(Date.now() + 300_000),
    requestKey: `request-${person.telegramId}`,
  });
  await repos.conversationStates.save(`chat:${person.telegramId}`, {
    value: { typed: [person.iin, person.surname] },
    pending: [{ text: person.phone }],
    prompt: { text: person.surname },
    lastUpdateId: 1,
  });
  await repos.inboundUpdates.store(
    [{ updateId: person.telegramId, payload: { message: { text: person.iin } } }],
    new Date(),
  );
  await repos.appeals.create(
    {
      number: `A-2026-000${person.telegramId}`,
      applicantId: applicant.id,
      content: appealOf(person),
      receivedAt: new Date(),
      receivedDate: "2026-11-27",
      dueDate: "2026-12-11",
      receiver: { name: "Оператор", position: "специалист" },
    },
    `filing-a-${person.telegramId}`,
  );
  await repos.complaints.create(
    {
      number: `C-2026-000${person.telegramId}`,
      applicantId: applicant.id,
      status: "received",
      ...complaintOf(person),
      receivedAt: new Date(),
      receivedDate: "2026-11-27",
      dueDate: "2026-12-11",
    },
    `filing-c-${person.telegramId}`,
  );
}

const formOf = (person: (typeof people)[number]) =>
  aCompleteForm({
    iin: person.iin,
    phone: person.phone,
    fullName: { surname: person.surname, givenName: "Айгерім" },
  });
const appealOf = (person: (typeof people)[number]) =>
  anAppeal({
    fullName: `${person.surname} Айгерім`,
    identity: { kind: "natural", iin: person.iin, postalAddress: "г. Астана, ул. Достык, 1" },
  });
const complaintOf = (person: (typeof people)[number]) =>
  aComplaint({
    subject: `${person.surname}: отказ`,
    lateReason: `болел ${person.surname}`,
    complainant: { fullName: `${person.surname} Айгерім`, iin: person.iin, phone: person.phone },
  });

async function expectReadable(db: Database, person: (typeof people)[number], { migrated = false } = {}): Promise<void> {
  const { repos } = db.work;
  const applicant = await repos.applicants.findByTelegramId(person.telegramId);
  expect(applicant?.phone).toBe(person.phone);
  expect((await repos.applications.findActiveByIin(person.iin))?.form).toEqual(formOf(person));
  expect(await repos.applications.listByIin(person.iin)).toHaveLength(1);
  expect((await repos.otpChallenges.latest(applicant!.id, "sign_application"))?.phone).toBe(person.phone);
  expect((await repos.appeals.listForApplicant(applicant!.id))[0]?.content).toEqual(appealOf(person));
  if (!migrated) {
    expect((await repos.complaints.listForApplicant(applicant!.id))[0]).toMatchObject(complaintOf(person));
    expect(await repos.complaints.listByIin(person.iin)).toHaveLength(1);
    expect(await repos.appeals.listByIin(person.iin)).toHaveLength(1);
  } else {
    // Stored before the complainant was kept: none is made up.
    const { complainant, ...stored } = complaintOf(person);
    expect((await repos.complaints.listForApplicant(applicant!.id))[0]).toMatchObject({ ...stored, complainant: null });
  }
  expect(await repos.conversationStates.read(`chat:${person.telegramId}`)).toEqual({
    value: { typed: [person.iin, person.surname] },
    pending: [{ text: person.phone }],
    prompt: { text: person.surname },
    lastUpdateId: 1,
  });
  if (!migrated) expect(await repos.inboundUpdates.unhandled()).toHaveLength(people.length);
}

/** Every non-null sealed column of every table is sealed under this key, and every IIN has its index. */
async function expectAllSealedUnder(db: Database, keyId: string): Promise<void> {
  await db.withConnection(async (connection) => {
    for (const table of sealedTables) {
      const rows = await connection.query<Record<string, string | null>>(
        `SELECT ${[...table.columns.map(columnName), ...table.indexes.map((i) => i.column)].map((c) => `"${c}"`).join(", ")} FROM "${table.table}"`,
      );
      expect(rows.length, table.table).toBeGreaterThan(0);
      for (const row of rows) {
        for (const column of table.columns) {
          const value = row[columnName(column)];
          if (value !== null && value !== undefined) expect(value.startsWith(`enc:v1:${keyId}:`), column).toBe(true);
        }
        for (const index of table.indexes) {
          if (row[columnName(index.of)] !== null) expect(row[index.column], index.column).toMatch(/^[0-9a-f]{64}$/);
        }
      }
    }
  });
}

function encryptionMigration(): string {
  const name = readdirSync(defaultMigrationsDir).find((entry) => entry.endsWith("_encryption_at_rest"));
  if (!name) throw new Error("no encryption_at_rest migration");
  return name;
}

async function withRawConnection(
  settings: Config["database"],
  work: (connection: SqlConnection) => Promise<void>,
): Promise<void> {
  if (settings.kind === "pglite") {
    const db = await PGlite.create(path.resolve(settings.dataDir, "pglite"));
    await work(pgliteConnection(db)).finally(() => db.close());
    return;
  }
  const pool = new pg.Pool({ connectionString: settings.url, max: 1 });
  const connection = await postgresConnection(pool);
  await work(connection).finally(async () => {
    await connection.release();
    await pool.end();
  });
}

/** The rows of one person as the schema before encryption held them: in clear. */
async function insertInClear(connection: SqlConnection, person: (typeof people)[number]): Promise<void> {
  const [applicant] = await connection.query<{ id: string }>(
    `INSERT INTO applicant (id, telegram_user_id, chat_id, iin, phone, updated_at)
     VALUES (gen_random_uuid(), $1, $1, $2, $3, now()) RETURNING id`,
    [person.telegramId, person.iin, person.phone],
  );
  const id = applicant!.id;
  await connection.query(
    `INSERT INTO application (id, applicant_id, iin, status, form, number, submitted_at, due_date, updated_at)
     VALUES (gen_random_uuid(), $1, $2, 'submitted', $3::jsonb, $4, now(), '2026-12-04', now())`,
    [id, person.iin, JSON.stringify(formOf(person)), `2026-000${person.telegramId}`],
  );
  await connection.query(
    `INSERT INTO otp_challenge (id, applicant_id, purpose, phone, code_hash, expires_at)
     VALUES (gen_random_uuid(), $1, 'sign_application', $2, $3, now() + interval '5 minutes')`,
    [id, person.phone, "x".repeat(64)],
  );
  await connection.query(
    `INSERT INTO conversation_state (key, value, pending, prompt, last_update_id, updated_at)
     VALUES ($1, $2::jsonb, $3::jsonb, $4::jsonb, 1, now())`,
    [
      `chat:${person.telegramId}`,
      JSON.stringify({ typed: [person.iin, person.surname] }),
      JSON.stringify([{ text: person.phone }]),
      JSON.stringify({ text: person.surname }),
    ],
  );
  await connection.query(`INSERT INTO inbound_update (update_id, payload, received_at) VALUES ($1, $2::jsonb, now())`, [
    person.telegramId,
    JSON.stringify({ message: { text: person.iin } }),
  ]);
  await connection.query(
    `INSERT INTO appeal (id, number, applicant_id, content, received_at, received_date, due_date, receiver_name, receiver_position)
     VALUES (gen_random_uuid(), $1, $2, $3::jsonb, now(), '2026-11-27', '2026-12-11', 'Оператор', 'специалист')`,
    [`A-2026-000${person.telegramId}`, id, JSON.stringify(appealOf(person))],
  );
  const complaint = complaintOf(person);
  await connection.query(
    `INSERT INTO complaint (id, number, applicant_id, status, subject, learned_date, late_reason, essence, received_at, received_date, due_date)
     VALUES (gen_random_uuid(), $1, $2, 'received', $3, $4, $5, $6, now(), '2026-11-27', '2026-12-11')`,
    [
      `C-2026-000${person.telegramId}`,
      id,
      complaint.subject,
      complaint.learnedDate,
      complaint.lateReason,
      complaint.essence,
    ],
  );
}
