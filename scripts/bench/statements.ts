// Every SQL statement the bot sends for each update of one person's whole
// registration, on PostgreSQL (a database it creates on DATABASE_URL's server
// and drops), counted where the pg client sends them: what Prisma compiled,
// the raw statements of the hot path, and BEGIN/COMMIT alike. Prints each
// update's statements and the totals (BENCHMARKS.md, "Levers").
//
//   npx tsx scripts/bench/statements.ts            # long polling
//   npx tsx scripts/bench/statements.ts --webhook  # the webhook gate and its ledger
import type { TestUser } from "@job-seeker/bot-api-emulator";
import pg from "pg";
import { startHarness } from "../../test/support/app-harness.ts";
import { temporaryPostgres } from "../../test/support/databases.ts";
import { aigerim, RegistrationDriver } from "../../test/support/registration-driver.ts";

const serverUrl = process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const webhook = process.argv.includes("--webhook");
/** Long enough for the ledger's mark (every 100 ms) and `delivered` to land with their update. */
const SETTLE_MS = 300;

const sent: string[] = [];
let counting = false;
type Query = (this: pg.Client, ...args: unknown[]) => unknown;
const query = pg.Client.prototype.query as unknown as Query;
(pg.Client.prototype as unknown as { query: Query }).query = function (this: pg.Client, ...args: unknown[]) {
  const [config] = args;
  const text = typeof config === "string" ? config : (config as { text?: string } | undefined)?.text;
  if (counting && text !== undefined) sent.push(text.replace(/\s+/g, " ").slice(0, 140));
  return query.apply(this, args);
};

const database = await temporaryPostgres(serverUrl);
if (database.settings.kind !== "postgres") throw new Error("PostgreSQL only");
const harness = await startHarness({ databaseUrl: database.settings.url, webhook });
const settle = () => new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
const updates: Array<{ action: string; statements: string[] }> = [];

/** Each thing the person does is one update: its statements are those sent until the bot is quiet. */
function counted(user: TestUser): TestUser {
  for (const method of ["send", "press", "shareContact"] as const) {
    const act = user[method].bind(user) as (...args: unknown[]) => Promise<unknown>;
    Object.assign(user, {
      [method]: async (...args: unknown[]) => {
        sent.length = 0;
        const result = await act(...args);
        await settle();
        updates.push({ action: `${method} ${JSON.stringify(args[0]).slice(0, 40)}`, statements: [...sent] });
        return result;
      },
    });
  }
  return user;
}

try {
  const driver = new RegistrationDriver(counted(harness.user("Айгерім", "ru")), "ru");
  await settle();
  counting = true;
  await driver.fillUpToSummary(aigerim);
  await driver.confirmAndConsent();
  await driver.sign(harness.sms);
  counting = false;

  for (const { action, statements } of updates) {
    console.log(`${action}: ${statements.length}`);
    for (const statement of statements) console.log(`    ${statement}`);
  }
  const all = updates.flatMap((update) => update.statements);
  const count = (test: (statement: string) => boolean) => all.filter(test).length;
  console.log(
    `\n${updates.length} updates, ${all.length} statements, ${(all.length / updates.length).toFixed(2)} per update`,
  );
  console.log(`BEGIN/COMMIT/ROLLBACK: ${count((s) => /^(BEGIN|COMMIT|ROLLBACK)\b/.test(s))}`);
  console.log(`compiled by Prisma (quoted "public".): ${count((s) => s.includes('"public".'))}`);
} finally {
  await harness.close();
  await database.drop();
}
