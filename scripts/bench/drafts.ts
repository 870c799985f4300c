// Memory with many forms in flight: N people each start the form (language,
// "fill in", their phone) and stop there, as people do on enrolment day.
// The bot's resident memory afterwards and at its peak, from /proc.
import type { TestUser } from "@job-seeker/bot-api-emulator";
import { languages } from "../../src/domain/language.ts";
import { personData } from "../../test/support/simulated-person.ts";
import { texts } from "../../test/support/texts.ts";
import { withClient } from "./postgres.ts";
import { sampleProcess, watchProcess } from "./process-stats.ts";
import { botEnv, createStorage, type StorageKind, sleep, startBot, startStage } from "./rig.ts";
import { round } from "./stats.ts";
import { printTable } from "./table.ts";

export type DraftsResults = {
  storage: StorageKind;
  people: number;
  started: number;
  draftsStored: number | null;
  rssBeforeMb: number;
  rssAfterMb: number;
  peakRssMb: number;
  seconds: number;
};

/** People starting at once; the rest wait for a place (the bot answers each within the reply timeout). */
const IN_FLIGHT = 200;

export async function draftsScenario(options: {
  people: number;
  storage: StorageKind;
  quietMs: number;
}): Promise<DraftsResults> {
  const storage = await createStorage(options.storage);
  const stage = await startStage({ quietMs: options.quietMs });
  try {
    const bot = await startBot(stage, botEnv(stage, storage));
    const pid = bot.child.pid!;
    await sleep(2000);
    const before = sampleProcess(pid);
    const watch = watchProcess(pid);
    const began = Date.now();
    let next = 0;
    let started = 0;
    const failures: unknown[] = [];
    await Promise.all(
      Array.from({ length: Math.min(IN_FLIGHT, options.people) }, async () => {
        while (next < options.people) {
          const n = next++;
          await startForm(
            stage.emulator.createUser({ firstName: `Draft${n}`, languageCode: languages[n % 3]! }),
            n,
          ).then(
            () => started++,
            (error: unknown) => failures.push(error),
          );
        }
      }),
    );
    if (failures.length > 0)
      console.error(`${failures.length} people could not start the form; the first:`, failures[0]);
    const seconds = Math.round((Date.now() - began) / 1000);
    // Let the garbage collector and the pools settle, as they would between waves of people.
    await sleep(5000);
    const cost = watch.stop();
    const draftsStored = storage.database
      ? await withClient(storage.database.url, async (client) =>
          Number((await client.query("SELECT count(*) AS n FROM application WHERE status = 'draft'")).rows[0].n),
        )
      : null;
    await bot.stop();
    const results: DraftsResults = {
      storage: options.storage,
      people: options.people,
      started,
      draftsStored,
      rssBeforeMb: Math.round(before.rssKb / 1024),
      rssAfterMb: Math.round(cost.rssKb / 1024),
      peakRssMb: Math.round(cost.peakRssKb / 1024),
      seconds,
    };
    printTable(
      `Drafts in flight: ${options.people} people stop after sharing their phone (${options.storage === "pg" ? "PostgreSQL" : "PGlite"})`,
      ["people", "started", "drafts stored", "RSS before MB", "RSS after MB", "peak RSS MB", "seconds", "upd/s"],
      [
        [
          results.people,
          results.started,
          results.draftsStored,
          results.rssBeforeMb,
          results.rssAfterMb,
          results.peakRssMb,
          seconds,
          round((started * 4) / Math.max(1, seconds)),
        ],
      ],
      [
        `RSS: the bot process's VmRSS when idle before, 5 s after the last person (${IN_FLIGHT} people at a time); peak: VmHWM.`,
      ],
    );
    return results;
  } finally {
    await stage.close();
    await storage.drop();
  }
}

/** /start, the language, "fill in the application", the phone: the form is open, the draft stored. */
async function startForm(user: TestUser, n: number): Promise<void> {
  const language = languages[n % 3]!;
  const tx = texts(language);
  const timeoutMs = 600_000;
  await user.send("/start", { timeoutMs });
  await pressAndSee(user, tx(`language.button.${language}`), timeoutMs);
  await pressAndSee(user, tx("registration.begin"), timeoutMs);
  await user.shareContact({ phone: personData(n).phone }, { timeoutMs });
}

/** A press is answered at once; the next question comes after the bot's work. */
async function pressAndSee(user: TestUser, label: string, timeoutMs: number): Promise<void> {
  const before = user.messages().length;
  await user.press(label, { timeoutMs });
  await user.waitFor((u) => u.messages().length > before, timeoutMs);
}
