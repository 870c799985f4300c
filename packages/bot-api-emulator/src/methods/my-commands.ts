import { badRequest } from "../api-error.ts";
import type { BotAccount } from "../bot-account.ts";
import { TEXT } from "../error-texts.ts";
import { FieldError, isJsonObject, requiredString } from "../json-fields.ts";
import type { MethodContext } from "../method-context.ts";
import type { Params } from "../params.ts";
import type { BotCommand, BotCommandScope } from "../types.ts";

const MAX_COMMANDS = 100;
const SIMPLE_SCOPES = new Set(["default", "all_private_chats", "all_group_chats", "all_chat_administrators"]);

export function setMyCommands(context: MethodContext): true {
  const { bot, params } = context;
  const commands = readCommands(params);
  const key = commandsKey(readScope(params), readLanguageCode(params));
  const cleaned = commands.map(validateCommand);
  // Past tdlib's checks, Telegram's servers judge the characters and the count.
  if (cleaned.some((command) => !/^[a-z0-9_]+$/.test(command.command))) throw badRequest(TEXT.botCommandInvalid);
  if (cleaned.length > MAX_COMMANDS) throw badRequest(TEXT.botCommandsTooMuch);
  if (cleaned.length === 0) bot.commands.delete(key);
  else bot.commands.set(key, cleaned);
  return true;
}

export function getMyCommands(context: MethodContext): BotCommand[] {
  const { bot, params } = context;
  return bot.commands.get(commandsKey(readScope(params), readLanguageCode(params))) ?? [];
}

export function deleteMyCommands(context: MethodContext): true {
  const { bot, params } = context;
  bot.commands.delete(commandsKey(readScope(params), readLanguageCode(params)));
  return true;
}

/** The list stored for exactly this scope and language, as getMyCommands reads it. */
export function storedCommands(bot: BotAccount, scope: BotCommandScope, languageCode = ""): BotCommand[] | undefined {
  return bot.commands.get(commandsKey(scope, languageCode));
}

export function commandsKey(scope: BotCommandScope, languageCode: string): string {
  const parts = [scope.type, scope.chat_id ?? "", scope.user_id ?? "", languageCode];
  return parts.join("|");
}

function readCommands(params: Params): BotCommand[] {
  const value = params.json("commands", "can't parse commands JSON object");
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw badRequest("expected an Array of BotCommand");
  return value.map((item) => {
    try {
      if (!isJsonObject(item)) throw new FieldError("expected an Object");
      return { command: requiredString(item, "command"), description: requiredString(item, "description") };
    } catch (error) {
      if (error instanceof FieldError) throw badRequest(`can't parse BotCommand: ${error.message}`);
      throw error;
    }
  });
}

function readScope(params: Params): BotCommandScope {
  const value = params.json("scope", "can't parse BotCommandScope JSON object");
  if (value === undefined) return { type: "default" };
  try {
    return scopeOf(value);
  } catch (error) {
    if (error instanceof FieldError) throw badRequest(`can't parse BotCommandScope: ${error.message}`);
    throw error;
  }
}

function scopeOf(value: unknown): BotCommandScope {
  if (!isJsonObject(value)) throw new FieldError("BotCommandScope must be an Object");
  const type = requiredString(value, "type");
  if (SIMPLE_SCOPES.has(type)) return { type: type as BotCommandScope["type"] };
  if (type !== "chat" && type !== "chat_administrators" && type !== "chat_member") {
    throw new FieldError("Unsupported type specified");
  }
  const chatId = requiredString(value, "chat_id");
  if (chatId === "") throw new FieldError("Empty chat_id specified");
  const normalizedChatId = /^-?\d+$/.test(chatId) ? Number(chatId) : chatId;
  if (type !== "chat_member") return { type, chat_id: normalizedChatId };
  const userId = Number(value.user_id);
  if (!Number.isInteger(userId) || userId <= 0) throw new FieldError("Invalid user_id specified");
  return { type, chat_id: normalizedChatId, user_id: userId };
}

function readLanguageCode(params: Params): string {
  const code = params.string("language_code") ?? "";
  if (code !== "" && !/^[a-z]{2}$/.test(code)) throw badRequest(TEXT.invalidLanguageCode);
  return code;
}

/** tdlib trims, drops a leading '/', and checks emptiness and lengths before the server sees it. */
function validateCommand(input: BotCommand): BotCommand {
  let command = input.command.trim();
  if (command.startsWith("/")) command = command.slice(1);
  if (command === "") throw badRequest("command must be non-empty");
  if ([...command].length > 32) throw badRequest("command length must not exceed 32");
  const description = input.description.trim();
  if (description === "") throw badRequest("command description must be non-empty");
  if ([...description].length > 256) throw badRequest("command description length must not exceed 256");
  return { command, description };
}
