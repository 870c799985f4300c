// The real start-up path (src/main.ts in its own process) against the Bot API
// emulator, driven as Telegram users would drive it.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type Emulator, startEmulator } from "@job-seeker/bot-api-emulator";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { readLocale } from "../../src/bot/i18n.ts";
import { type BotProcess, startBotProcess } from "../support/bot-process.ts";

const TOKEN = "7000000002:AAH-e2e_language_test_token";
const texts = { kk: locale("kk"), ru: locale("ru"), en: locale("en") };

function locale(language: "kk" | "ru" | "en") {
  const tree = readLocale(language) as {
    language: { choose: string; chosen: string; change: string };
    welcome: string;
    registration: { begin: string };
    help: { text: string };
    fallback: { notUnderstood: string };
    errors: { staleButton: string };
    commands: Record<string, string>;
  };
  return tree;
}

describe("language of service, through the real start-up path", () => {
  let emulator: Emulator;
  let dataDir: string;
  let bot: BotProcess | undefined;

  const startBot = async () => {
    bot = startBotProcess({ BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: emulator.apiRoot, DATA_DIR: dataDir });
    await bot.waitForLine(/polling for updates/);
    return bot;
  };

  beforeAll(async () => {
    emulator = await startEmulator();
    emulator.createBot({ token: TOKEN, username: "jobseeker_e2e_bot", firstName: "Жұмыс" });
    dataDir = mkdtempSync(path.join(tmpdir(), "jobseeker-e2e-"));
    await startBot();
  });

  afterEach(() => emulator.setOutage(null));

  afterAll(async () => {
    await bot?.stop();
    await emulator.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("answers /start with exactly the three language buttons, asked in the app's language", async () => {
    const user = emulator.createUser({ firstName: "Айгүл", languageCode: "kk" });
    await user.send("/start");
    expect(user.lastText()).toBe(texts.kk.language.choose);
    expect(user.buttons()).toEqual([["Қазақша", "Русский", "English"]]);
  });

  it("asks the choice on first contact even when Telegram reports a language", async () => {
    const user = emulator.createUser({ firstName: "John", languageCode: "en" });
    await user.send("/start");
    expect(user.buttons().flat()).toEqual(["Қазақша", "Русский", "English"]);
  });

  it("asks in Russian when the app's language is none of the three", async () => {
    const user = emulator.createUser({ firstName: "Hans", languageCode: "de" });
    await user.send("/start");
    expect(user.lastText()).toBe(texts.ru.language.choose);
  });

  it("stores the choice, confirms it in place and explains the service in that language", async () => {
    const user = emulator.createUser({ firstName: "Ерлан", languageCode: "ru" });
    await user.send("/start");
    const question = user.lastMessage()!;
    await user.press("English", { quietMs: 300 });
    const edited = user.messages().find((m) => m.message_id === question.message_id)!;
    expect(edited.text).toBe(texts.en.language.chosen);
    expect(edited.reply_markup).toBeUndefined();
    expect(user.lastText()).toBe(texts.en.welcome);
    expect(user.buttons()).toEqual([[texts.en.registration.begin]]);

    await user.send("/help");
    expect(user.lastText()).toBe(texts.en.help.text);
  });

  it("changes the language with /language", async () => {
    const user = emulator.createUser({ firstName: "Дана", languageCode: "ru" });
    await user.send("/start");
    await user.press("Русский", { quietMs: 300 });
    await user.send("/language");
    expect(user.lastText()).toBe(texts.ru.language.choose);
    await user.press("Қазақша", { quietMs: 300 });
    await user.send("/help");
    expect(user.lastText()).toBe(texts.kk.help.text);
  });

  it("keeps the choice across a restart", async () => {
    const user = emulator.createUser({ firstName: "Асқар", languageCode: "ru" });
    await user.send("/start");
    await user.press("Қазақша", { quietMs: 300 });

    expect(await bot!.stop()).toBe(0);
    await startBot();

    await user.send("/help");
    expect(user.lastText()).toBe(texts.kk.help.text);

    // Chosen once: /start greets in that language and says how to change it.
    await user.send("/start");
    expect(user.lastText()).toBe(`${texts.kk.welcome}\n\n${texts.kk.language.change}`);
    expect(user.buttons()).toEqual([[texts.kk.registration.begin]]);
  });

  it("answers text it does not understand, and an unknown button, in the person's language", async () => {
    const user = emulator.createUser({ firstName: "Мария", languageCode: "en" });
    await user.send("/start");
    await user.press("Русский", { quietMs: 300 });
    await user.send("привет");
    expect(user.lastText()).toBe(texts.ru.fallback.notUnderstood);

    await user.send("/language");
    const withButtons = user.lastMessage()!;
    await user.pressData(withButtons.message_id, "language:xx");
    expect(user.lastCallbackAnswer()?.text).toBe(texts.ru.errors.staleButton);
    await user.pressData(withButtons.message_id, "forged-data");
    expect(user.lastCallbackAnswer()?.text).toBe(texts.ru.errors.staleButton);
  });

  it("registers the command menu in Kazakh, Russian and English", () => {
    const calls = emulator.callsTo("setMyCommands");
    for (const language of ["kk", "ru", "en"] as const) {
      const call = calls.find((c) => c.params.language_code === language);
      expect(call, language).toBeDefined();
      const commands = call!.params.commands as Array<{ command: string; description: string }>;
      expect(commands.map((c) => c.command)).toEqual([
        "start",
        "status",
        "history",
        "appeal",
        "complaint",
        "mydata",
        "operator",
        "cancel",
        "language",
        "help",
      ]);
      expect(commands.map((c) => c.description)).toEqual(commands.map((c) => texts[language].commands[c.command]));
    }
  });
});

describe("start-up failures", () => {
  it("stops with one clear line when Telegram rejects the token", async () => {
    const emulator = await startEmulator();
    const dataDir = mkdtempSync(path.join(tmpdir(), "jobseeker-e2e-"));
    try {
      const bot = startBotProcess({
        BOT_TOKEN: "7000000003:AAH-not-registered",
        TELEGRAM_API_ROOT: emulator.apiRoot,
        DATA_DIR: dataDir,
      });
      expect(await bot.exited).not.toBe(0);
      expectOneClearLine(bot.lines, /rejected BOT_TOKEN \(401/);
    } finally {
      await emulator.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it("stops with one clear line when the API root cannot be reached", async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), "jobseeker-e2e-"));
    try {
      const bot = startBotProcess({
        BOT_TOKEN: "7000000004:AAH-any",
        TELEGRAM_API_ROOT: "http://127.0.0.1:9",
        DATA_DIR: dataDir,
      });
      expect(await bot.exited).not.toBe(0);
      expectOneClearLine(bot.lines, /Cannot reach the Telegram Bot API at http:\/\/127\.0\.0\.1:9/);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it("names a missing BOT_TOKEN", async () => {
    const bot = startBotProcess({});
    expect(await bot.exited).toBe(1);
    expect(bot.lines.join("\n")).toMatch(/BOT_TOKEN is required/);
    expect(bot.lines.join("\n")).not.toMatch(/^\s+at /m);
  });
});

function expectOneClearLine(lines: string[], pattern: RegExp): void {
  const fatal = lines.filter((line) => pattern.test(line));
  expect(fatal, lines.join("\n")).toHaveLength(1);
  expect(lines.join("\n")).not.toMatch(/^\s+at /m);
}
