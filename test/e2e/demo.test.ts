// npm run demo: a person can chat with the bot in the terminal, no token needed.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, it } from "vitest";
import { readLocale } from "../../src/bot/i18n.ts";
import { texts } from "../support/texts.ts";

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

it("shows the staff side: the application arrives as a card in the operators' group, is registered there, and the decision comes to the private chat", async () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), "jobseeker-demo-"));
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/demo.ts"], {
    cwd: root,
    env: { PATH: process.env.PATH ?? "", DATA_DIR: dataDir, DEMO_LANGUAGE: "ru" },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  const type = (...lines: string[]) => child.stdin.write(lines.map((line) => `${line}\n`).join(""));
  const shown = async (pattern: RegExp, from = 0): Promise<RegExpExecArray> => {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const found = pattern.exec(output.slice(from));
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`the demo never showed ${pattern}:\n${output.slice(-3000)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
  const ru = texts("ru");
  try {
    await shown(/\[1\] Қазақша {3}\[2\] Русский {3}\[3\] English/);
    expect(output).toContain(".staff switches to the operators' group");
    // Русский, fill in, the phone, the IIN, the name, no experience, no education, no skills, no
    // languages, full time and done, the position and pay, all correct, consent.
    type("2", "1", ".contact", "900101300017", "Иванова", "Мария", "1", "2", "2", "1", "2", "1", "6");
    type("Бухгалтер", "350000", "1", "1");
    const [, code] = await shown(/SMS to \+77011234567: .*?(\d{6})/);
    type(code!);
    const [, number] = await shown(/№ (\d{4}-\d{6})/);
    await shown(/\(new in the operators' group: type \.staff to see it\)/);

    const switched = output.length;
    type(".staff");
    await shown(new RegExp(escapeRegExp(ru("staff.card.title", { number: number! }))), switched);
    // Initials and the IIN's last 4 digits: the group holds no personal data.
    expect(output.slice(switched)).toContain(ru("staff.card.person", { initials: "И. М.", iin: "••••••••0017" }));
    expect(output.slice(switched)).not.toContain("Иванова");
    expect(output.slice(switched)).toContain(
      `[1] ${ru("staff.button.take")}\n  [2] ${ru("staff.button.register")}   [3] ${ru("staff.button.refuse")}`,
    );
    type("2");
    await shown(new RegExp(escapeRegExp(ru("staff.registered", { number: number! }))), switched);
    await shown(/\(new in your chat with the bot: type \.me to see it\)/, switched);

    const back = output.length;
    type(".me");
    await shown(new RegExp(escapeRegExp(ru("decision.registered", { number: number! }))), back);
    type(".quit");
    expect(await new Promise<number | null>((resolve) => child.once("exit", resolve)), output).toBe(0);
  } finally {
    child.kill();
    rmSync(dataDir, { recursive: true, force: true });
  }
}, 120_000);

it("prints links that open the application form as the demo user and the desk as its operator", async () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), "jobseeker-demo-"));
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/demo.ts"], {
    cwd: root,
    env: { PATH: process.env.PATH ?? "", DATA_DIR: dataDir, DEMO_LANGUAGE: "ru" },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  const shown = async (pattern: RegExp): Promise<RegExpExecArray> => {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const found = pattern.exec(output);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`the demo never showed ${pattern}:\n${output.slice(-3000)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
  try {
    const [link] = await shown(/http:\/\/127\.0\.0\.1:\d+\/app\/form\/#tgWebAppData=\S+/);
    // Русский, fill in, the phone, the IIN: the draft the form shows.
    child.stdin.write("2\n1\n.contact\n900101300017\n");
    await shown(new RegExp(escapeRegExp(texts("ru")("registration.fullName.surname"))));
    const url = new URL(link);
    const initData = new URLSearchParams(url.hash.slice(1)).get("tgWebAppData")!;
    expect((await fetch(new URL("/app/form/", url))).status).toBe(200);
    const draft = await fetch(new URL("/app/api/draft", url), { headers: { authorization: `tma ${initData}` } });
    expect(draft.status).toBe(200);
    expect(await draft.json()).toMatchObject({ form: { iin: "900101300017", phone: "+77011234567" } });

    const [deskLink] = await shown(/http:\/\/127\.0\.0\.1:\d+\/app\/desk\/#tgWebAppData=\S+/);
    const deskUrl = new URL(deskLink);
    const operatorData = new URLSearchParams(deskUrl.hash.slice(1)).get("tgWebAppData")!;
    expect((await fetch(new URL("/app/desk/", deskUrl))).status).toBe(200);
    const queue = await fetch(new URL("/app/api/desk/queue", deskUrl), {
      headers: { authorization: `tma ${operatorData}` },
    });
    expect(queue.status).toBe(200);
  } finally {
    child.stdin.end(".quit\n");
    await new Promise((resolve) => child.once("exit", resolve));
    rmSync(dataDir, { recursive: true, force: true });
  }
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
