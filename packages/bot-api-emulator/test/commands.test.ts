import type { LanguageCode } from "grammy/types";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createHarness, type Harness } from "./helpers.ts";

const MENUS: Record<string, string> = { kk: "Бастау", ru: "Начать", en: "Start" };

describe("bot commands and profile", () => {
  let h: Harness;
  beforeEach(async () => {
    h = await createHarness();
  });
  afterEach(async () => {
    await h.stop();
  });

  it("records setMyCommands per language and scope", async () => {
    for (const [language, title] of Object.entries(MENUS)) {
      await h.bot.api.setMyCommands([{ command: "start", description: title }], {
        language_code: language as LanguageCode,
      });
    }
    await h.bot.api.setMyCommands([{ command: "help", description: "Help" }]);
    await h.bot.api.setMyCommands([{ command: "queue", description: "Queue" }], {
      scope: { type: "all_group_chats" },
      language_code: "ru",
    });
    const languages = h.emulator.callsTo("setMyCommands").map((call) => call.params.language_code);
    expect(languages).toEqual(["kk", "ru", "en", undefined, "ru"]);
    const bot = h.emulator.bot("job_seeker_test_bot");
    expect(bot.commands({ languageCode: "kk" })).toEqual([{ command: "start", description: "Бастау" }]);
    expect(bot.commands()).toEqual([{ command: "help", description: "Help" }]);
    expect(bot.commands({ scope: { type: "all_group_chats" }, languageCode: "ru" })).toEqual([
      { command: "queue", description: "Queue" },
    ]);
    expect(await h.bot.api.getMyCommands({ language_code: "ru" })).toEqual([
      { command: "start", description: "Начать" },
    ]);
    expect(await h.bot.api.getMyCommands({ language_code: "de" })).toEqual([]);
    await h.bot.api.deleteMyCommands({ language_code: "ru" });
    expect(await h.bot.api.getMyCommands({ language_code: "ru" })).toEqual([]);
  });

  it("validates commands like Telegram", async () => {
    const set = (command: string, description = "x", language_code?: string) =>
      h.bot.api.setMyCommands(
        [{ command, description }],
        language_code ? { language_code: language_code as LanguageCode } : {},
      );
    await expect(set("Start")).rejects.toMatchObject({ description: "Bad Request: BOT_COMMAND_INVALID" });
    await expect(set("my-command")).rejects.toMatchObject({ description: "Bad Request: BOT_COMMAND_INVALID" });
    await expect(set("a".repeat(33))).rejects.toMatchObject({
      description: "Bad Request: command length must not exceed 32",
    });
    await expect(set("ok", " ")).rejects.toMatchObject({
      description: "Bad Request: command description must be non-empty",
    });
    await expect(set("ok", "x".repeat(257))).rejects.toMatchObject({
      description: "Bad Request: command description length must not exceed 256",
    });
    await expect(set("ok", "x", "rus")).rejects.toMatchObject({
      description: "Bad Request: invalid language code specified",
    });
    const many = Array.from({ length: 101 }, (_, index) => ({ command: `c${index}`, description: "x" }));
    await expect(h.bot.api.setMyCommands(many)).rejects.toMatchObject({
      description: "Bad Request: BOT_COMMANDS_TOO_MUCH",
    });
    // tdlib strips a leading slash.
    await set("/apply", "Apply");
    expect(await h.bot.api.getMyCommands()).toEqual([{ command: "apply", description: "Apply" }]);
  });

  it("stores descriptions and the menu button", async () => {
    await h.bot.api.setMyDescription("Registration of job seekers", { language_code: "en" });
    await h.bot.api.setMyShortDescription("Job seekers");
    await h.bot.api.setChatMenuButton({ menu_button: { type: "commands" } });
    const bot = h.emulator.bot("job_seeker_test_bot");
    expect(bot.description("en")).toBe("Registration of job seekers");
    expect(bot.shortDescription()).toBe("Job seekers");
    expect(bot.menuButton()).toEqual({ type: "commands" });
    expect(await h.bot.api.getMyDescription({ language_code: "en" })).toEqual({
      description: "Registration of job seekers",
    });
  });
});
