// The unit of work on embedded PGlite and, when TEST_DATABASE_URL is set, on
// PostgreSQL: a turn's raw statements and Prisma's repositories in one
// transaction, the driver's own transaction for a finished section, and more
// transactions at once than the pool has connections.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Database, openDatabase } from "../../src/db/database.ts";
import { DraftGoneError } from "../../src/db/drafts.ts";
import { storageKinds, type TestDatabase } from "../support/databases.ts";
import { aCompleteForm } from "../support/fixtures.ts";
import { testCipher } from "../support/test-keys.ts";

const turn = (lastUpdateId: number) => ({
  value: { versions: ["2.1"], conversations: {} },
  pending: [{ kind: "send", text: "Шаг 2 из 9." }],
  prompt: { question: "iin", text: "Введите ИИН", messageId: null },
  lastUpdateId,
});

describe.each(storageKinds())("unit of work on $kind", ({ kind, create }) => {
  let testDb: TestDatabase;
  let db: Database;
  let draftId: string;

  beforeEach(async () => {
    testDb = await create();
    db = await openDatabase(testDb.settings, { cipher: testCipher });
    const applicant = await db.work.repos.applicants.ensure(7001, 7001);
    draftId = (await db.work.repos.applications.createDraft(applicant.id, {}, { step: "phone" })).id;
  });

  afterEach(async () => {
    await db?.close();
    await testDb?.drop();
  });

  it("stores a finished section and the turn that finished it together", async () => {
    await db.work.turnTransaction(async (repos) => {
      await repos.drafts.saveDraft(draftId, { phone: "+77011234567" }, { step: "iin", editing: false });
      await repos.conversationStates.save("chat:7001", turn(11));
    });

    const draft = await db.work.repos.applications.findDraftOf(7001);
    expect(draft).toMatchObject({ id: draftId, form: { phone: "+77011234567" }, step: "iin", editing: false });
    expect(await db.work.repos.conversationStates.read("chat:7001")).toEqual(turn(11));
  });

  it("keeps the draft as it was when the turn that finished its section cannot be stored", async () => {
    const tooLongKey = `chat:${"9".repeat(200)}`;
    await expect(
      db.work.turnTransaction(async (repos) => {
        await repos.drafts.saveDraft(draftId, { phone: "+77011234567" }, { step: "iin", editing: false });
        await repos.conversationStates.save(tooLongKey, turn(12));
      }),
    ).rejects.toThrow();

    expect(await db.work.repos.applications.findById(draftId)).toMatchObject({ form: {}, step: "phone" });
  });

  it("stores no turn for a section of a draft that was submitted meanwhile", async () => {
    await db.work.repos.applications.saveDraft(draftId, aCompleteForm());
    await db.work.repos.applications.submit(draftId, aCompleteForm(), {
      number: "2026-000001",
      submittedAt: new Date("2026-11-27T05:00:00Z"),
      dueDate: "2026-11-30",
    });

    await expect(
      db.work.turnTransaction(async (repos) => {
        await repos.drafts.saveDraft(draftId, { phone: "+77011234567" }, { step: "iin", editing: false });
        await repos.conversationStates.save("chat:7001", turn(13));
      }),
    ).rejects.toBeInstanceOf(DraftGoneError);
    expect(await db.work.repos.conversationStates.read("chat:7001")).toBeUndefined();
  });

  it("rolls back a turn's raw statements with the Prisma writes of the same transaction", async () => {
    await expect(
      db.work.transaction(async (repos) => {
        await repos.conversationStates.save("chat:7001", turn(14));
        await repos.applications.saveDraft(draftId, { phone: "+77011234567" }, { step: "iin" });
        // A form the domain rejects: Prisma's write refuses it after the raw ones ran.
        await repos.applications.submit(
          draftId,
          { ...aCompleteForm(), desiredSalary: -5 },
          {
            number: "2026-000002",
            submittedAt: new Date("2026-11-27T05:00:00Z"),
            dueDate: "2026-11-30",
          },
        );
      }),
    ).rejects.toThrow();

    expect(await db.work.repos.conversationStates.read("chat:7001")).toBeUndefined();
    expect(await db.work.repos.applications.findById(draftId)).toMatchObject({ form: {}, step: "phone" });
  });

  it("commits every one of many more transactions at once than the pool has connections", async () => {
    // Queued together for longer than Prisma waits for a connection (maxWait, 5 s here).
    const people = kind === "postgres" ? 100 : 12;
    const hold = () => new Promise((resolve) => setTimeout(resolve, 600));
    const outcomes = await Promise.allSettled(
      Array.from({ length: people }, (_, index) =>
        index % 2 === 0
          ? db.work.transaction(async (repos) => {
              await repos.conversationStates.save(`chat:${index}`, turn(index));
              await hold();
              await repos.applicants.ensure(10_000 + index, 10_000 + index);
            })
          : db.work.turnTransaction(async (repos) => {
              await repos.conversationStates.save(`chat:${index}`, turn(index));
              await hold();
            }),
      ),
    );

    expect(outcomes.filter((outcome) => outcome.status === "rejected")).toEqual([]);
    expect(await db.prisma.conversationState.count()).toBe(people);
  }, 60_000);
});
