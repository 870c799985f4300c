// The command menu Telegram shows next to the input field, in each language.
import type { Api } from "grammy";
import type { BotCommand } from "grammy/types";
import { languages, suggestedLanguage } from "../domain/language.ts";
import type { Translate, Translator } from "./i18n.ts";

const menu = [
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
] as const;

export function commandMenu(t: Translate): BotCommand[] {
  return menu.map((command) => ({ command, description: t(`commands.${command}`) }));
}

export async function registerCommandMenus(api: Api, translator: Translator): Promise<void> {
  for (const language of languages) {
    await api.setMyCommands(commandMenu(translator.t(language)), {
      language_code: language,
      scope: { type: "all_private_chats" },
    });
  }
  // For people whose app speaks another language.
  await api.setMyCommands(commandMenu(translator.t(suggestedLanguage(undefined))), {
    scope: { type: "all_private_chats" },
  });
}

const staffMenu = ["queue", "find", "stats", "export", "lang", "help"] as const;

/** The staff chat's own menu, in its language. */
export async function registerStaffCommandMenu(api: Api, staffChatId: number, t: Translate): Promise<void> {
  await api.setMyCommands(
    staffMenu.map((command) => ({ command, description: t(`staff.commands.${command}`) })),
    { scope: { type: "chat", chat_id: staffChatId } },
  );
}
