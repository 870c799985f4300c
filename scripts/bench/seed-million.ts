// A million stored applications on PostgreSQL, for /status and /queue:
// written by the server itself (INSERT … SELECT FROM generate_series), in a
// database kept between runs (jobseeker_bench_apps_<count>, re-used when it
// holds the same rows; `--reseed` writes it again).
//
// Personal data is sealed (src/db/field-cipher.ts): sealing a million values
// in JavaScript would take minutes, so 256 distinct forms, IINs and phones
// are sealed here and the rows reuse them. Every value opens and passes the
// schema, as the bot reads it; the blind index of the IIN is a distinct hash
// per person (unique as the real one is) but not the HMAC of the sealed IIN,
// so finding by IIN (/find) is not what this data measures.
import { openDatabase } from "../../src/db/database.ts";
import { aCompleteForm } from "../../test/support/fixtures.ts";
import { validIin } from "../../test/support/iins.ts";
import { testCipher } from "../../test/support/test-keys.ts";
import { databaseExists, databaseUrl, serverUrl, withClient } from "./postgres.ts";

/** One kept database per size: a smoke run (--quick) does not throw the million away. */
export const seededDatabase = (applications: number) => `jobseeker_bench_apps_${applications}`;
/** Telegram ids of the seeded people: FIRST_TELEGRAM_ID + 1 … + people. */
export const FIRST_TELEGRAM_ID = 5_000_000_000;
const DISTINCT_SEALED = 256;

export type MillionSeed = {
  url: string;
  applications: number;
  people: number;
  /** Undecided applications (the staff queue); the rest are decided. */
  submitted: number;
  seconds: number;
  reused: boolean;
};

export async function seedMillion(options: {
  applications: number;
  submitted: number;
  reseed: boolean;
}): Promise<MillionSeed> {
  const name = seededDatabase(options.applications);
  const url = databaseUrl(name);
  const people = Math.ceil(options.applications / 2);
  const started = Date.now();
  if (!options.reseed && (await databaseExists(name))) {
    const seeded = await withClient(url, (client) =>
      client
        .query("SELECT applications, submitted FROM bench_seed")
        .then(({ rows }) => rows[0] as { applications: number; submitted: number } | undefined)
        .catch(() => undefined),
    );
    if (seeded?.applications === options.applications && seeded.submitted === options.submitted) {
      // A new emulator numbers updates from 1 again: the last run's ledger and chat states would swallow them.
      await withClient(url, (client) =>
        client.query("TRUNCATE inbound_update, conversation_state, reminder, staff_post"),
      );
      return { url, ...options, people, seconds: 0, reused: true };
    }
  }
  await withClient(serverUrl(), async (admin) => {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${name}`);
  });
  // The bot's own migrations make the schema.
  const db = await openDatabase({ kind: "postgres", url }, { cipher: testCipher });
  await db.close();
  await withClient(url, async (client) => {
    await client.query("CREATE TABLE bench_sealed (kind text, n int, value text, PRIMARY KEY (kind, n))");
    const sealed: Array<[string, number, string]> = [];
    for (let n = 0; n < DISTINCT_SEALED; n++) {
      const iin = validIin(n);
      const phone = `+7702${String(1_000_000 + n).slice(-7)}`;
      sealed.push(
        ["applicant.iin", n, testCipher.seal("applicant.iin", iin)],
        ["applicant.phone", n, testCipher.seal("applicant.phone", phone)],
        ["application.iin", n, testCipher.seal("application.iin", iin)],
        [
          "application.form",
          n,
          testCipher.sealJson("application.form", aCompleteForm({ iin, phone, desiredSalary: 200_000 + n * 1000 })),
        ],
      );
    }
    for (let from = 0; from < sealed.length; from += 200) {
      const rows = sealed.slice(from, from + 200);
      await client.query(
        `INSERT INTO bench_sealed (kind, n, value) VALUES ${rows.map((_, i) => `($${i * 3 + 1}, $${i * 3 + 2}, $${i * 3 + 3})`).join(", ")}`,
        rows.flat(),
      );
    }
    await client.query(
      `INSERT INTO applicant (id, telegram_user_id, chat_id, language, iin, iin_index, phone, created_at, updated_at)
       SELECT gen_random_uuid(), $1::bigint + g, $1::bigint + g, (ARRAY['kk','ru','en'])[1 + g % 3]::"Language",
              i.value, encode(sha256(('bench-iin-' || g)::bytea), 'hex'), p.value, now(), now()
       FROM generate_series(1, $2::int) g
       JOIN bench_sealed i ON i.kind = 'applicant.iin' AND i.n = g % ${DISTINCT_SEALED}
       JOIN bench_sealed p ON p.kind = 'applicant.phone' AND p.n = g % ${DISTINCT_SEALED}`,
      [FIRST_TELEGRAM_ID, people],
    );
    // Application g belongs to person ((g - 1) % people) + 1: each has an older
    // decided one (refused or withdrawn) and a newer one, registered — or, for
    // the last `submitted` people, still waiting for a decision.
    await client.query(
      `INSERT INTO application (id, number, applicant_id, iin, iin_index, status, form, refusal_ground,
                                submitted_at, due_date, decided_at, staff_message_id, created_at, updated_at)
       SELECT gen_random_uuid(),
              (2020 + g / 400000)::text || '-' || lpad((g % 400000 + 1)::text, 6, '0'),
              a.id, ai.value, a.iin_index,
              (CASE WHEN g <= $2 THEN (CASE WHEN g % 5 = 0 THEN 'withdrawn' ELSE 'refused' END)
                    WHEN g > $3 THEN 'submitted' ELSE 'registered' END)::"ApplicationStatus",
              f.value,
              (CASE WHEN g <= $2 AND g % 5 <> 0 THEN 'non_compliant_information' END)::"RefusalGround",
              t.submitted_at, to_char(t.submitted_at + interval '10 days', 'YYYY-MM-DD'),
              CASE WHEN g <= $3 THEN t.submitted_at + interval '3 days' END,
              CASE WHEN g > $3 THEN 1 END,
              t.submitted_at, t.submitted_at
       FROM generate_series(1, $4::int) g
       CROSS JOIN LATERAL (SELECT CASE WHEN g > $3 THEN now() - (($4 - g) * interval '1 minute')
                                       ELSE now() - interval '30 days' - (($4 - g) * interval '5 minutes') END AS submitted_at) t
       JOIN applicant a ON a.telegram_user_id = $1::bigint + ((g - 1) % $2) + 1
       JOIN bench_sealed ai ON ai.kind = 'application.iin' AND ai.n = (((g - 1) % $2) + 1) % ${DISTINCT_SEALED}
       JOIN bench_sealed f ON f.kind = 'application.form' AND f.n = (((g - 1) % $2) + 1) % ${DISTINCT_SEALED}`,
      [FIRST_TELEGRAM_ID, people, options.applications - options.submitted, options.applications],
    );
    await client.query("VACUUM ANALYZE applicant");
    await client.query("VACUUM ANALYZE application");
    await client.query("CREATE TABLE bench_seed (applications int, submitted int)");
    await client.query("INSERT INTO bench_seed VALUES ($1, $2)", [options.applications, options.submitted]);
  });
  return { url, ...options, people, seconds: Math.round((Date.now() - started) / 1000), reused: false };
}
