// npm run demo: the whole bot, with no Telegram and no token. Starts the Bot
// API emulator on 127.0.0.1, the app against it (embedded database in
// DATA_DIR, default ./data/demo), and a chat in this terminal. The person at
// the terminal is also the career centre's only operator: `.staff` switches
// the terminal to the operators' group, where applications arrive as cards
// to register or refuse, and `.me` back to the private chat, where the
// decision arrives.
// `npm run demo -- --fresh` starts from an empty demo database.
// The Mini Apps open in a desktop browser from the links printed at start, by
// `.form` (the citizen's form) and `.desk` (the operators' desk: the person at
// the terminal is the operator): the page of the local server with a signed
// initData in its hash, as Telegram opens it (valid for an hour).
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { createInterface } from "node:readline";
import { type ChatSession, type Message, startEmulator } from "@job-seeker/bot-api-emulator";
import { destination } from "pino";
import { startApp } from "../src/app.ts";
import { loadConfig } from "../src/config.ts";
import { createLogger } from "../src/logger.ts";
import { signInitData } from "../src/server/mini-app/init-data.ts";
import { standInMobileRegistry } from "../src/services/mobile-registry.ts";

const DEMO_TOKEN = "7000000000:DEMO-terminal_chat";
const DEMO_PHONE = "+77011234567";
/** The operators' group of the demo (a supergroup id, as Telegram gives them). */
const DEMO_STAFF_CHAT_ID = -1001000000001;
/** A valid IIN (check digit right) to type when the bot asks. */
const SAMPLE_IIN = "900101300017";

const help = [
  "Type a message and press Enter to send it.",
  "Buttons are numbered [1] [2] …: type the number to press one.",
  ".contact shares your phone number, .sticker .photo .voice send those, .quit ends the demo.",
  ".form prints a new link to the application form in a browser (begin the application in the chat first),",
  "  .desk one to the operators' desk (the queue, a record in full, decisions, search, statistics, export).",
  ".staff switches to the operators' group (you are the operator): applications arrive there as cards",
  "  to register or refuse (/queue lists what is open, /lang kk|ru|en changes the group's language);",
  "  .me switches back to your chat with the bot, where the decision arrives.",
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
  const staffGroup = emulator.createGroup({
    id: DEMO_STAFF_CHAT_ID,
    title: "Career centre: operators",
    members: [user],
    admins: [user],
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
    STAFF_CHAT_ID: String(DEMO_STAFF_CHAT_ID),
    OPERATOR_IDS: String(user.id),
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

  const demoUser = { id: user.id, first_name: "Demo", language_code: user.user.language_code ?? "ru" };
  const formLink = () => miniAppUrl(app.httpAddress.port, "form", demoUser);
  const deskLink = () => miniAppUrl(app.httpAddress.port, "desk", demoUser);
  console.log(`Bot API emulator at ${emulator.apiRoot}; bot log in ${logFile}\n${help}\n`);
  console.log(`The application form in a browser (valid for an hour; .form prints a new link):\n  ${formLink()}\n`);
  console.log(`The operators' desk in a browser (valid for an hour; .desk prints a new link):\n  ${deskLink()}\n`);
  const terminal = new Terminal({
    private: new ButtonBoard("your chat with the bot", user),
    staff: new ButtonBoard("the operators' group", user.in(staffGroup)),
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
  const prompt = () => {
    input.setPrompt(terminal.onScreen === "staff" ? "staff> " : "> ");
    input.prompt();
  };
  prompt();
  for await (const line of input) {
    if (line.trim() === ".form") console.log(`  ${formLink()}`);
    else if (line.trim() === ".desk") console.log(`  ${deskLink()}`);
    else await handleLine(line.trim(), terminal, quit);
    prompt();
  }
  // Input ended (piped): give the bot a moment to answer the last line.
  await new Promise((resolve) => setTimeout(resolve, 1000));
  await quit();
}

/** A Mini App's page on the local server, with initData signed for the demo user as Telegram signs it. */
function miniAppUrl(
  port: number,
  app: "form" | "desk",
  user: { id: number; first_name: string; language_code: string },
): string {
  const initData = signInitData(
    { user: JSON.stringify(user), auth_date: String(Math.floor(Date.now() / 1000)) },
    DEMO_TOKEN,
  );
  return `http://127.0.0.1:${port}/app/${app}/#tgWebAppData=${encodeURIComponent(initData)}`;
}

async function handleLine(line: string, terminal: Terminal, quit: () => Promise<void>): Promise<void> {
  const quietly = (action: Promise<unknown>) =>
    action.catch((error: Error) => console.log(`  [${error.message.split("\n")[0]}]`));
  const { chat } = terminal;
  if (line === "") return;
  if (line === ".quit") return quit();
  if (line === ".staff" || line === ".me") {
    terminal.show(line === ".staff" ? "staff" : "private");
    return;
  }
  if (line === ".contact") return void (await quietly(chat.session.shareContact({ phone: DEMO_PHONE })));
  if (line === ".sticker") return void (await quietly(chat.session.sendSticker()));
  if (line === ".photo") return void (await quietly(chat.session.sendPhoto()));
  if (line === ".voice") return void (await quietly(chat.session.sendVoice()));
  const button = /^\d{1,2}$/.test(line) ? chat.label(Number(line)) : undefined;
  if (button) return void (await quietly(chat.press(button)));
  await quietly(chat.session.send(line));
}

type ChatName = "private" | "staff";

/**
 * Two chats, one on screen: what the bot says in the other is kept, with a
 * line saying where it waits, and shown on switching there.
 */
class Terminal {
  onScreen: ChatName = "private";

  constructor(private readonly chats: Record<ChatName, ButtonBoard>) {
    for (const [name, board] of Object.entries(chats) as Array<[ChatName, ButtonBoard]>) {
      board.session.watch((change) => {
        const fromBot = (change.kind === "message" || change.kind === "edit") && change.message.from?.is_bot;
        if (fromBot) this.arrived(name, change.message, change.kind === "edit");
        if (change.kind === "callback_answer" && change.answer.text && name === this.onScreen) {
          console.log(`  (${change.answer.text})`);
          board.seen++;
        }
      });
    }
  }

  get chat(): ButtonBoard {
    return this.chats[this.onScreen];
  }

  show(name: ChatName): void {
    this.onScreen = name;
    console.log(`\n  ── ${this.chat.title} ──`);
    this.chat.flush();
  }

  private arrived(name: ChatName, message: Message, edited: boolean): void {
    const board = this.chats[name];
    if (name === this.onScreen) {
      board.print(message, edited);
      return;
    }
    if (board.hold(message, edited) === 1)
      console.log(`\n  (new in ${board.title}: type ${name === "staff" ? ".staff" : ".me"} to see it)`);
  }
}

/** Prints a chat's bot messages with their buttons numbered, and maps numbers back to buttons. */
class ButtonBoard {
  private labels: string[] = [];
  /** How many things the bot said here: a press waits for the next one. */
  seen = 0;
  private held = new Map<number, { message: Message; edited: boolean }>();
  /** The text each message was last shown with. */
  private readonly printed = new Map<number, string>();

  constructor(
    readonly title: string,
    readonly session: ChatSession,
  ) {}

  label(number: number): string | undefined {
    return this.labels[number - 1];
  }

  /**
   * A press is answered at once, and what it leads to comes after the bot's
   * own work: the next line (typed ahead, or piped) waits for it.
   */
  async press(label: string): Promise<void> {
    const before = this.seen;
    await this.session.press(label);
    await this.session.waitFor(() => this.seen > before, 10_000).catch(() => undefined);
  }

  print(message: Message, edited: boolean): void {
    const text =
      message.text ?? message.caption ?? (message.document ? `[file ${message.document.file_name ?? ""}]` : "[media]");
    // An answered question losing its buttons: nothing new to read.
    const buttonsTaken = edited && this.printed.get(message.message_id) === text && !message.reply_markup;
    this.printed.set(message.message_id, text);
    if (buttonsTaken) return;
    this.seen++;
    console.log(`\n${edited ? "  (edited)\n" : ""}${text.replace(/^/gm, "  ")}`);
    this.refresh();
  }

  /** Keeps a message for later (an edit replaces the message it edits); returns how many are kept. */
  hold(message: Message, edited: boolean): number {
    this.seen++;
    const earlier = this.held.get(message.message_id);
    this.held.set(message.message_id, { message, edited: edited && !earlier });
    return this.held.size;
  }

  /** Shows what came while the chat was not on screen, or its buttons if nothing did. */
  flush(): void {
    const held = [...this.held.values()];
    this.held.clear();
    for (const { message, edited } of held) this.print(message, edited);
    if (held.length === 0) this.refresh();
  }

  private refresh(): void {
    const inline = this.session.buttons();
    const reply =
      this.session
        .replyKeyboard()
        ?.keyboard.map((row) => row.map((button) => (typeof button === "string" ? button : button.text))) ?? [];
    this.labels = [...inline, ...reply].flat();
    if (this.labels.length === 0) return;
    let n = 0;
    for (const row of [...inline, ...reply]) console.log(`  ${row.map((label) => `[${++n}] ${label}`).join("   ")}`);
  }
}

await main();
