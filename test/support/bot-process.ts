// Runs the bot in its own process, against the emulator, and collects its log
// lines: from the sources through tsx (what tests change), or as `npm start`
// does, from the bundle scripts/build-if-stale.mjs makes.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "../..");

export type BotProcess = {
  child: ChildProcess;
  /** Log lines so far (stdout and stderr). */
  lines: string[];
  /** Resolves with the exit code. */
  exited: Promise<number | null>;
  waitForLine(pattern: RegExp, timeoutMs?: number): Promise<string>;
  stop(): Promise<number | null>;
};

/** `source`: src/main.ts through tsx; `bundle`: dist/bundle/main.js, as `npm start` runs it. */
export type BotEntry = "source" | "bundle";

// The bundle with the flags of `npm start` (package.json): the heap's cap sets
// how much garbage V8 lets pile up (BENCHMARKS.md, "Memory with drafts in flight").
const entryArguments: Record<BotEntry, string[]> = {
  source: ["--import", "tsx", "src/main.ts"],
  bundle: ["--enable-source-maps", "--max-old-space-size=512", "dist/bundle/main.js"],
};

/** What `npm start` does before it starts the bot: bundles src/ when a source is newer than the bundle. */
export function buildBundleIfStale(): string {
  return execFileSync(process.execPath, ["scripts/build-if-stale.mjs"], { cwd: root, encoding: "utf8", stdio: "pipe" });
}

export function startBotProcess(
  env: Record<string, string>,
  entry: BotEntry = "source",
  nodeArguments: string[] = [],
): BotProcess {
  const child = spawn(process.execPath, [...nodeArguments, ...entryArguments[entry]], {
    cwd: root,
    // PORT 0: tests run side by side, each server on a free port.
    env: { PATH: process.env.PATH ?? "", LOG_LEVEL: "info", HOST: "127.0.0.1", PORT: "0", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const lines: string[] = [];
  const listeners = new Set<() => void>();
  const collect = (chunk: Buffer) => {
    lines.push(
      ...chunk
        .toString("utf8")
        .split("\n")
        .filter((line) => line.trim() !== ""),
    );
    for (const listener of listeners) listener();
  };
  child.stdout!.on("data", collect);
  child.stderr!.on("data", collect);
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));

  const waitForLine = (pattern: RegExp, timeoutMs = 20_000) =>
    new Promise<string>((resolve, reject) => {
      const check = () => {
        const line = lines.find((l) => pattern.test(l));
        if (!line) return;
        cleanup();
        resolve(line);
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`bot process did not log ${pattern} within ${timeoutMs} ms; it logged:\n${lines.join("\n")}`));
      }, timeoutMs);
      const onExit = () => {
        check();
        cleanup();
        reject(new Error(`bot process exited before logging ${pattern}; it logged:\n${lines.join("\n")}`));
      };
      const cleanup = () => {
        clearTimeout(timer);
        listeners.delete(check);
        child.off("exit", onExit);
      };
      listeners.add(check);
      child.once("exit", onExit);
      check();
      if (child.exitCode !== null) onExit();
    });

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    return exited;
  };

  return { child, lines, exited, waitForLine, stop };
}
