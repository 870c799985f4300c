// npm run bench:answers — how much one answer costs at each step of the form.
// The form is one conversation per section, so the 25th answer should cost
// about what the first does. Prints, per answer: median milliseconds from the
// person's message to the bot's reply, and the size of the stored
// conversation state afterwards. A script that prints figures, not a test.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startEmulator } from "@job-seeker/bot-api-emulator";
import { startApp } from "../src/app.ts";
import { loadConfig } from "../src/config.ts";
import { createLogger } from "../src/logger.ts";

const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 5);
const TOKEN = "7000000099:BENCH-answers";

type Step = { label: string; act: (u: Awaited<ReturnType<typeof makeUser>>) => Promise<unknown> };
const makeUser = async (emulator: Awaited<ReturnType<typeof startEmulator>>, i: number) =>
  emulator.createUser({ firstName: `Person ${i}`, languageCode: "en" });

const iins = ["900101300017", "770707300012", "920220450010", "010202500012", "850315400015"];

const steps = (iin: string): Step[] => [
  { label: "/start", act: (u) => u.send("/start") },
  { label: "language", act: (u) => u.press("English") },
  { label: "begin", act: (u) => u.press("Fill in the application") },
  { label: "phone", act: (u) => u.shareContact({ phone: `+7701${iin.slice(0, 7)}` }) },
  { label: "iin", act: (u) => u.send(iin) },
  { label: "surname", act: (u) => u.send("Smith") },
  { label: "name", act: (u) => u.send("Anna") },
  { label: "patronymic", act: (u) => u.press("I have no patronymic") },
  { label: "experience", act: (u) => u.press("Add a place of work") },
  { label: "employer 1", act: (u) => u.send("Kaspi") },
  { label: "position 1", act: (u) => u.send("Analyst") },
  { label: "start 1", act: (u) => u.send("01.2015") },
  { label: "end 1", act: (u) => u.send("12.2018") },
  { label: "add another", act: (u) => u.press("➕ Add another") },
  { label: "employer 2", act: (u) => u.send("Halyk") },
  { label: "position 2", act: (u) => u.send("Senior analyst") },
  { label: "start 2", act: (u) => u.send("01.2019") },
  { label: "end 2", act: (u) => u.press("until now") },
  { label: "experience done", act: (u) => u.press("✔️ Done") },
  { label: "education", act: (u) => u.press("Skip this step") },
  { label: "skills", act: (u) => u.send("SQL, Excel") },
  { label: "languages", act: (u) => u.press("Skip") },
  { label: "hours", act: (u) => u.press("Full-time") },
  { label: "hours done", act: (u) => u.press("✔️ Done") },
  { label: "position", act: (u) => u.send("Analyst") },
  { label: "salary", act: (u) => u.send("500000") },
  { label: "summary", act: (u) => u.press("✅ All correct, go on") },
  { label: "consent", act: (u) => u.press("I agree") },
];

async function main(): Promise<void> {
  const emulator = await startEmulator({ quietMs: 20 });
  emulator.createBot({ token: TOKEN, username: "bench_bot" });
  const dataDir = mkdtempSync(path.join(tmpdir(), "bench-answers-"));
  const config = loadConfig({
    BOT_TOKEN: TOKEN,
    TELEGRAM_API_ROOT: emulator.apiRoot,
    DATA_DIR: dataDir,
    HOST: "127.0.0.1",
    PORT: "0",
  });
  const app = await startApp(config, createLogger("silent"), { sms: { send: async () => {} } });
  const timings = new Map<string, number[]>();
  const stateBytes = new Map<string, number[]>();
  try {
    for (let i = 0; i < PEOPLE; i++) {
      const user = await makeUser(emulator, i);
      for (const step of steps(iins[i % iins.length]!)) {
        const started = performance.now();
        await step.act(user);
        // The quiet period is the emulator waiting for more; it is not the bot's cost.
        push(timings, step.label, performance.now() - started - 20);
        const row = await app.database.prisma.conversationState.findUnique({
          where: { key: `registration:${user.id}` },
        });
        push(stateBytes, step.label, row ? JSON.stringify(row.value).length : 0);
      }
    }
  } finally {
    await app.stop();
    await emulator.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
  console.log(`answer  step               median ms   state bytes (${PEOPLE} people, embedded PGlite)`);
  [...timings.keys()].forEach((label, index) => {
    console.log(
      `${String(index + 1).padStart(6)}  ${label.padEnd(18)} ${median(timings.get(label)!).toFixed(1).padStart(9)}   ` +
        median(stateBytes.get(label)!).toFixed(0).padStart(11),
    );
  });
}

function push(map: Map<string, number[]>, key: string, value: number): void {
  map.set(key, [...(map.get(key) ?? []), value]);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

await main();
