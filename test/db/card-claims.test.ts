// Card claims on both storages: one instance posts a card, an abandoned claim
// is taken over, a posted card is never claimed again, a draft never.

import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Database, openDatabase } from "../../src/db/database.ts";
import { insertSubmittedApplications } from "../support/bulk.ts";
import { storageKinds, type TestDatabase } from "../support/databases.ts";
import { testCipher } from "../support/test-keys.ts";

const at = new Date("2026-11-27T05:00:00Z");
const minutesLater = (minutes: number) => new Date(at.getTime() + minutes * 60_000);

describe.each(storageKinds())("card claims on $kind", ({ create }) => {
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

  it("lets one claim win, takes over a stale one and never claims a posted card", async () => {
    const [id] = await insertSubmittedApplications(db, [1], "2026-12-04", at);
    const claims = db.work.repos.cardClaims;

    expect(await claims.claim("application", id!, at, minutesLater(-10))).toBe(true);
    expect(await claims.claim("application", id!, minutesLater(1), minutesLater(-9))).toBe(false);
    // The first claimant died: ten minutes on, its claim is stale.
    expect(await claims.claim("application", id!, minutesLater(11), minutesLater(1))).toBe(true);

    await claims.posted("application", id!, 4242);
    expect((await db.prisma.application.findUnique({ where: { id: id! } }))?.staffMessageId).toBe(4242);
    expect(await claims.claim("application", id!, minutesLater(30), minutesLater(20))).toBe(false);
  });

  it("releases a failed posting for the next try, and never claims a draft", async () => {
    const [id] = await insertSubmittedApplications(db, [2], "2026-12-04", at);
    const claims = db.work.repos.cardClaims;
    expect(await claims.claim("application", id!, at, minutesLater(-10))).toBe(true);
    await claims.release("application", id!);
    expect(await claims.claim("application", id!, minutesLater(1), minutesLater(-9))).toBe(true);

    await db.prisma.application.update({ where: { id: id! }, data: { status: "draft", cardClaimedAt: null } });
    expect(await claims.claim("application", id!, minutesLater(2), minutesLater(-8))).toBe(false);
  });
});
