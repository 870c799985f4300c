// The stage every scenario shares: the Bot API emulator and an SMS gateway
// stand-in in this process, and a bot in a child process started as
// `npm start` starts it (the bundle of src/, built when stale, then
// node dist/bundle/main.js), on PostgreSQL or on an embedded PGlite.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type Emulator, startEmulator } from "@job-seeker/bot-api-emulator";
import { type BotProcess, buildBundleIfStale, startBotProcess } from "../../test/support/bot-process.ts";
import { type SmsStandIn, startSmsStandIn } from "../../test/support/sms-stand-in.ts";
import { TEST_KEYS_ENV } from "../../test/support/test-keys.ts";
import { type ScratchDatabase, scratchDatabase } from "./postgres.ts";

export type StorageKind = "pg" | "pglite";

export const BOT_TOKEN = "7000000077:AAH-bench_bot";
export const BOT_USERNAME = "jobseeker_bench_bot";
const root = path.resolve(import.meta.dirname, "../..");

/** Where the bot keeps its data for one run: a scratch PostgreSQL database or a PGlite folder. */
export type BenchStorage = {
  kind: StorageKind;
  env: { DATABASE_URL: string } | { DATA_DIR: string };
  /** The PostgreSQL database's name (for its counters). */
  database?: ScratchDatabase;
  drop(): Promise<void>;
};

export async function createStorage(kind: StorageKind): Promise<BenchStorage> {
  if (kind === "pg") {
    const database = await scratchDatabase("jobseeker_bench");
    return { kind, env: { DATABASE_URL: database.url }, database, drop: () => database.drop() };
  }
  const dataDir = mkdtempSync(path.join(tmpdir(), "jobseeker-bench-"));
  return { kind, env: { DATA_DIR: dataDir }, drop: async () => rmSync(dataDir, { recursive: true, force: true }) };
}

export type Stage = {
  emulator: Emulator;
  sms: SmsStandIn;
  close(): Promise<void>;
};

export async function startStage(options: { quietMs: number; timeoutMs?: number }): Promise<Stage> {
  const emulator = await startEmulator({ quietMs: options.quietMs, timeoutMs: options.timeoutMs ?? 120_000 });
  emulator.createBot({ token: BOT_TOKEN, username: BOT_USERNAME });
  const sms = await startSmsStandIn();
  return {
    emulator,
    sms,
    async close() {
      await sms.close();
      await emulator.close();
    },
  };
}

/** The environment of `npm start` for the bench: warnings only, HTTP on a free loopback port. */
export function botEnv(
  stage: Stage,
  storage: BenchStorage,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    BOT_TOKEN,
    TELEGRAM_API_ROOT: stage.emulator.apiRoot,
    SMS_GATEWAY_URL: stage.sms.url,
    SMS_GATEWAY_TOKEN: stage.sms.token,
    ...TEST_KEYS_ENV,
    HOST: "127.0.0.1",
    PORT: "0",
    LOG_LEVEL: process.env.BENCH_BOT_LOG_LEVEL ?? "warn",
    ...storage.env,
    // Node flags to try on the bot (heap sizes, a diagnostic preload) without editing `npm start`.
    ...(process.env.BENCH_BOT_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BENCH_BOT_NODE_OPTIONS } : {}),
    ...extra,
  };
}

/** Children of this run: a bench that fails or is interrupted must not leave a bot polling behind. */
const children = new Set<ChildProcess>();
process.once("exit", () => {
  for (const child of children) child.kill("SIGKILL");
});
for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => process.exit(130));

function adopt(bot: BotProcess): BotProcess {
  children.add(bot.child);
  void bot.exited.then(() => children.delete(bot.child));
  return bot;
}

/** Starts the bot and waits until it polls (its first getUpdates): at warn level it logs nothing when ready. */
export async function startBot(stage: Stage, env: Record<string, string>): Promise<BotProcess> {
  buildBundleIfStale();
  // e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof": a profile of the bot under the scenario's load
  // (node refuses --cpu-prof in NODE_OPTIONS, so these go on the command line).
  const nodeArguments = process.env.BENCH_BOT_NODE_ARGS?.split(" ").filter(Boolean) ?? [];
  const bot = adopt(startBotProcess(env, "bundle", nodeArguments));
  await waitUntilPolling(stage, bot.exited, () => bot.lines.join("\n"));
  return bot;
}

/** The floor: a bare grammY bot in its own process, started the same way (tsx). */
export async function startFloorBot(stage: Stage, callsPerUpdate: number): Promise<BotProcess> {
  const bot = adopt(
    spawnNode("scripts/bench/floor-bot.ts", {
      BOT_TOKEN,
      TELEGRAM_API_ROOT: stage.emulator.apiRoot,
      FLOOR_CALLS_PER_UPDATE: String(callsPerUpdate),
    }),
  );
  await waitUntilPolling(stage, bot.exited, () => bot.lines.join("\n"));
  return bot;
}

async function waitUntilPolling(stage: Stage, exited: Promise<number | null>, log: () => string): Promise<void> {
  let gone = false;
  void exited.then(() => {
    gone = true;
  });
  await stage.emulator.waitFor(() => {
    if (gone) throw new Error(`the bot exited before polling; it logged:\n${log()}`);
    // A poll is logged when it returns (up to 30 s later); the held one shows at once.
    return stage.emulator.bot(BOT_USERNAME).isPolling;
  }, 120_000);
}

function spawnNode(script: string, env: Record<string, string>): BotProcess {
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", script], {
    cwd: root,
    env: { PATH: process.env.PATH ?? "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const lines: string[] = [];
  const collect = (chunk: Buffer) => lines.push(...chunk.toString("utf8").split("\n").filter(Boolean));
  child.stdout!.on("data", collect);
  child.stderr!.on("data", collect);
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return {
    child,
    lines,
    exited,
    waitForLine: () => Promise.reject(new Error("not used for the floor bot")),
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      return exited;
    },
  };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
