import { badRequest } from "../api-error.ts";
import { getMeResult } from "../bot-account.ts";
import type { MethodContext } from "../method-context.ts";
import type { Params } from "../params.ts";
import type { User } from "../types.ts";

export function getMe(context: MethodContext): User {
  return getMeResult(context.bot);
}

export function setMyDescription(context: MethodContext): true {
  storeText(context.bot.descriptions, context.params, "description", 512);
  return true;
}

export function getMyDescription(context: MethodContext): { description: string } {
  return { description: context.bot.descriptions.get(languageOf(context.params)) ?? "" };
}

export function setMyShortDescription(context: MethodContext): true {
  storeText(context.bot.shortDescriptions, context.params, "short_description", 120);
  return true;
}

export function getMyShortDescription(context: MethodContext): { short_description: string } {
  return { short_description: context.bot.shortDescriptions.get(languageOf(context.params)) ?? "" };
}

export function setChatMenuButton(context: MethodContext): true {
  const { bot, params } = context;
  const button = params.json("menu_button", "can't parse menu button JSON object") ?? { type: "default" };
  bot.menuButtons.set(params.string("chat_id") ?? "default", button);
  return true;
}

export function getChatMenuButton(context: MethodContext): unknown {
  const { bot, params } = context;
  return (
    bot.menuButtons.get(params.string("chat_id") ?? "default") ?? bot.menuButtons.get("default") ?? { type: "commands" }
  );
}

function storeText(store: Map<string, string>, params: Params, field: string, maxLength: number): void {
  const language = languageOf(params);
  const text = params.string(field) ?? "";
  if ([...text].length > maxLength) throw badRequest(`${field.replace("_", " ")} is too long`);
  if (text === "") store.delete(language);
  else store.set(language, text);
}

function languageOf(params: Params): string {
  return params.string("language_code") ?? "";
}
