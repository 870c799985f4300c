// npm run demo: a person can chat with the bot in the terminal, no token needed.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, it } from "vitest";
import { readLocale } from "../../src/bot/i18n.ts";

const root = path.resolve(import.meta.dirname, "../..");

it("lets a person choose a language by number, read the help, begin the form and see the registry check", async () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), "jobseeker-demo-"));
  try {
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/demo.ts"], {
      cwd: root,
      env: { PATH: process.env.PATH ?? "", DATA_DIR: dataDir, DEMO_LANGUAGE: "kk" },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
    child.stdin.end("2\n/help\n/start\n1\n.contact\n900101300017\n.quit\n");
    const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));

    const ru = readLocale("ru") as { help: { text: string }; registration: { iin: { ask: string } } };
    const kk = readLocale("kk") as { language: { choose: string } };
    expect(code, output).toBe(0);
    expect(output).toContain(kk.language.choose);
    expect(output).toContain("[1] Қазақша   [2] Русский   [3] English");
    expect(output).toContain(ru.help.text.split("\n")[0]);
    expect(output).toContain(ru.registration.iin.ask);
    // The registry check is shown as the SMS is: a stand-in in the demo.
    expect(output).toMatch(/Citizens' mobile database \(stand-in\): \+7\d{10} is registered under IIN 900101300017/);
    expect(output).toContain("A valid IIN to try: 900101300017");
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});

it("starts from an empty demo database with --fresh", async () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), "jobseeker-demo-"));
  const run = async (args: string[], input: string) => {
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/demo.ts", ...args], {
      cwd: root,
      env: { PATH: process.env.PATH ?? "", DATA_DIR: dataDir, DEMO_LANGUAGE: "ru" },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
    child.stdin.end(input);
    await new Promise((resolve) => child.once("exit", resolve));
    return output;
  };
  try {
    const ru = readLocale("ru") as { language: { choose: string; change: string } };
    await run([], "2\n.quit\n");
    // The choice is remembered between runs...
    expect(await run([], "/start\n.quit\n")).toContain(ru.language.change);
    // ...and forgotten with --fresh: first contact again.
    expect(await run(["--fresh"], "/start\n.quit\n")).toContain(ru.language.choose);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});
