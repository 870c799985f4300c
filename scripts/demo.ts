// npm run demo: the whole bot, with no Telegram and no token. Starts the Bot
// API emulator on 127.0.0.1, the app against it (embedded database in
// DATA_DIR, default ./data/demo), and a chat in this terminal.
// `npm run demo -- --fresh` starts from an empty demo database.
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { createInterface } from "node:readline";
import { type Message, startEmulator, type TestUser } from "@job-seeker/bot-api-emulator";
import { destination } from "pino";
import { startApp } from "../src/app.ts";
import { loadConfig } from "../src/config.ts";
import { createLogger } from "../src/logger.ts";
import { standInMobileRegistry } from "../src/services/mobile-registry.ts";

const DEMO_TOKEN = "7000000000:DEMO-terminal_chat";
const DEMO_PHONE = "+77011234567";
/** A valid IIN (check digit right) to type when the bot asks. */
const SAMPLE_IIN = "900101300017";

const help = [
  "Type a message and press Enter to send it.",
  "Buttons are numbered [1] [2] …: type the number to press one.",
  ".contact shares your phone number, .sticker .photo .voice send those, .quit ends the demo.",
  `A valid IIN to try: ${SAMPLE_IIN}. Start again from nothing: npm run demo -- --fresh`,
].join("\n");

/** The demo's database, keys and log go; nothing else in the folder is touched. */
function forgetDemo(dataDir: string): void {
  for (const name of ["pglite", "data-keys.json", "bot.log"]) {
    rmSync(path.join(dataDir, name), { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const dataDir = process.env.DATA_DIR || "./data/demo";
  if (process.argv.includes("--fresh")) forgetDemo(dataDir);
  mkdirSync(dataDir, { recursive: true });
  const logFile = path.join(dataDir, "bot.log");

  const emulator = await startEmulator({ port: Number(process.env.DEMO_PORT ?? 0) });
  // The demo database outlives the emulator: update ids go on from where a
  // previous run left them, as Telegram's would, or the bot would take the
  // new updates for ones it handled.
  emulator.createBot({
    token: DEMO_TOKEN,
    username: "jobseeker_demo_bot",
    firstName: "Жұмыс іздеушілер",
    firstUpdateId: Date.now(),
  });
  const user = emulator.createUser({
    firstName: "Demo",
    languageCode: process.env.DEMO_LANGUAGE ?? "ru",
    phoneNumber: DEMO_PHONE.slice(1),
  });

  // Always the embedded database: demo data must never reach a real DATABASE_URL.
  const config = loadConfig({
    ...process.env,
    BOT_TOKEN: DEMO_TOKEN,
    TELEGRAM_API_ROOT: emulator.apiRoot,
    DATA_DIR: dataDir,
    DATABASE_URL: "",
    // Long polling against the emulator; the health server on a free local port.
    WEBHOOK_URL: "",
    WEBHOOK_SECRET: "",
    HOST: "127.0.0.1",
    PORT: "0",
  });
  const logger = createLogger(config.logLevel, destination({ dest: logFile, sync: true }));
  // The person at the terminal is also the phone: SMS codes are shown here,
  // and so is the check in the citizens' mobile database (a stand-in that
  // accepts every pair).
  const app = await startApp(config, logger, {
    sms: { send: async (phone, text) => console.log(`\n  📩 SMS to ${phone}: ${text}`) },
    registry: standInMobileRegistry((iin, phone) =>
      console.log(`\n  🔎 Citizens' mobile database (stand-in): ${phone} is registered under IIN ${iin}`),
    ),
  });

  console.log(`Bot API emulator at ${emulator.apiRoot}; bot log in ${logFile}\n${help}\n`);
  const buttons = new ButtonBoard(user);
  user.watch((change) => {
    const fromBot = (change.kind === "message" || change.kind === "edit") && change.message.from?.is_bot;
    if (fromBot) buttons.show(change.message, change.kind === "edit");
    if (change.kind === "callback_answer" && change.answer.text) console.log(`  (${change.answer.text})`);
  });

  const quit = async () => {
    await app.stop();
    await emulator.close();
    process.exit(0);
  };
  process.once("SIGINT", quit);

  await user.send("/start").catch(() => undefined);
  // Created only now: lines typed (or piped) before are not lost, they wait in stdin.
  const input = createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY });
  input.setPrompt("> ");
  input.prompt();
  for await (const line of input) {
    await handleLine(line.trim(), user, buttons, quit);
    input.prompt();
  }
  // Input ended (piped): give the bot a moment to answer the last line.
  await new Promise((resolve) => setTimeout(resolve, 1000));
  await quit();
}

async function handleLine(
  line: string,
  user: TestUser,
  buttons: ButtonBoard,
  quit: () => Promise<void>,
): Promise<void> {
  const quietly = (action: Promise<unknown>) =>
    action.catch((error: Error) => console.log(`  [${error.message.split("\n")[0]}]`));
  if (line === "") return;
  if (line === ".quit") return quit();
  if (line === ".contact") return void (await quietly(user.shareContact({ phone: DEMO_PHONE })));
  if (line === ".sticker") return void (await quietly(user.sendSticker()));
  if (line === ".photo") return void (await quietly(user.sendPhoto()));
  if (line === ".voice") return void (await quietly(user.sendVoice()));
  const button = /^\d{1,2}$/.test(line) ? buttons.label(Number(line)) : undefined;
  if (button) return void (await quietly(user.press(button)));
  await quietly(user.send(line));
}

/** Prints bot messages with their buttons numbered, and maps numbers back to buttons. */
class ButtonBoard {
  private labels: string[] = [];

  constructor(private readonly user: TestUser) {}

  label(number: number): string | undefined {
    return this.labels[number - 1];
  }

  show(message: Message, edited: boolean): void {
    const text =
      message.text ?? message.caption ?? (message.document ? `[file ${message.document.file_name ?? ""}]` : "[media]");
    console.log(`\n${edited ? "  (edited)\n" : ""}${text.replace(/^/gm, "  ")}`);
    this.refresh();
  }

  private refresh(): void {
    const inline = this.user.buttons();
    const reply =
      this.user
        .replyKeyboard()
        ?.keyboard.map((row) => row.map((button) => (typeof button === "string" ? button : button.text))) ?? [];
    this.labels = [...inline, ...reply].flat();
    if (this.labels.length === 0) return;
    let n = 0;
    for (const row of [...inline, ...reply]) console.log(`  ${row.map((label) => `[${++n}] ${label}`).join("   ")}`);
  }
}

await main();
