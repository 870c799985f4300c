// reply_markup as the Bot API server, tdlib and the Telegram server together check it.
// Telegram quirks kept: an inline button's type is the first of url, callback_data, … that
// is non-empty (so callback_data "" is a "text button"); buttons with empty text are
// dropped silently; only inline keyboards end up in the sent Message object.
import { ApiError, badRequest } from "./api-error.ts";
import { TEXT } from "./error-texts.ts";
import {
  FieldError,
  hasField,
  isJsonObject,
  type JsonObject,
  optionalArray,
  optionalBool,
  optionalString,
  requiredObject,
  requiredString,
} from "./json-fields.ts";
import { checkLink } from "./links.ts";
import type {
  ChatType,
  ForceReply,
  InlineKeyboardButton,
  InlineKeyboardMarkup,
  KeyboardButton,
  ReplyKeyboardMarkup,
  ReplyKeyboardRemove,
} from "./types.ts";

export type ParsedReplyMarkup =
  | { kind: "inline"; markup: InlineKeyboardMarkup }
  | { kind: "keyboard"; markup: ReplyKeyboardMarkup }
  | { kind: "remove"; markup: ReplyKeyboardRemove }
  | { kind: "force_reply"; markup: ForceReply };

const MAX_BUTTONS_PER_ROW = 12;
const MAX_BUTTONS = 300;
const MAX_CALLBACK_DATA_BYTES = 64;

export function parseReplyMarkup(value: unknown, chatType: ChatType): ParsedReplyMarkup | undefined {
  if (value === undefined) return undefined;
  try {
    return parseMarkupObject(value, chatType);
  } catch (error) {
    if (error instanceof FieldError) throw badRequest(lowerFirst(error.message));
    throw error;
  }
}

function parseMarkupObject(value: unknown, chatType: ChatType): ParsedReplyMarkup | undefined {
  if (!isJsonObject(value)) throw new FieldError("Object expected as reply markup");
  const keyboard = parseRows(value, "keyboard", 'Field "keyboard" must be an Array of Arrays', parseKeyboardButton);
  const inline = parseRows(
    value,
    "inline_keyboard",
    'Field "inline_keyboard" of the InlineKeyboardMarkup must be an Array of Arrays',
    parseInlineButton,
  );
  const selective = optionalBool(value, "selective") || optionalBool(value, "personal_keyboard");
  const placeholder = optionalString(value, "input_field_placeholder");
  if (keyboard.length > 0) return keyboardMarkup(value, keyboard, chatType, selective, placeholder);
  if (inline.length > 0) return inlineMarkup(inline);
  if (optionalBool(value, "remove_keyboard") || optionalBool(value, "hide_keyboard")) {
    return { kind: "remove", markup: withFlags({ remove_keyboard: true }, { selective }) };
  }
  if (optionalBool(value, "force_reply") || optionalBool(value, "force_reply_keyboard")) {
    const markup: ForceReply = withFlags({ force_reply: true }, { selective });
    if (placeholder) markup.input_field_placeholder = placeholder;
    return { kind: "force_reply", markup };
  }
  return undefined;
}

function parseRows<T>(
  object: JsonObject,
  field: string,
  notRowsText: string,
  parseButton: (button: unknown) => T,
): T[][] {
  const rows = optionalArray(object, field);
  if (!rows) return [];
  return rows.map((row) => {
    if (!Array.isArray(row)) throw new FieldError(notRowsText);
    return row.map(parseButton);
  });
}

function parseKeyboardButton(button: unknown): KeyboardButton {
  try {
    if (typeof button === "string") return { text: button };
    if (!isJsonObject(button)) throw new FieldError("KeyboardButton must be a String or an Object");
    return keyboardButtonOf(button);
  } catch (error) {
    if (error instanceof FieldError) throw new FieldError(`Can't parse keyboard button: ${error.message}`);
    throw error;
  }
}

function keyboardButtonOf(button: JsonObject): KeyboardButton {
  const result: KeyboardButton = { text: requiredString(button, "text") };
  if (optionalBool(button, "request_contact")) result.request_contact = true;
  else if (optionalBool(button, "request_location")) result.request_location = true;
  else if (hasField(button, "request_poll")) result.request_poll = requiredObject(button, "request_poll");
  else if (hasField(button, "web_app"))
    result.web_app = { url: requiredString(requiredObject(button, "web_app"), "url") };
  else if (hasField(button, "request_users")) result.request_users = { request_id: requestId(button, "request_users") };
  else if (hasField(button, "request_chat")) result.request_chat = { request_id: requestId(button, "request_chat") };
  return result;
}

function requestId(button: JsonObject, field: string): number {
  const id = requiredObject(button, field).request_id;
  if (typeof id !== "number") throw new FieldError('Field "request_id" must be of type Number');
  return id;
}

function parseInlineButton(button: unknown): InlineKeyboardButton {
  try {
    if (!isJsonObject(button)) throw new FieldError("InlineKeyboardButton must be an Object");
    return inlineButtonOf(button);
  } catch (error) {
    if (error instanceof FieldError) throw new FieldError(`Can't parse inline keyboard button: ${error.message}`);
    throw error;
  }
}

function inlineButtonOf(button: JsonObject): InlineKeyboardButton {
  const text = requiredString(button, "text");
  const url = optionalString(button, "url");
  if (url) return { text, url };
  const data = optionalString(button, "callback_data");
  if (data) return { text, callback_data: data };
  if (hasField(button, "callback_game")) return { text, callback_game: {} };
  if (hasField(button, "pay")) return { text, pay: true };
  if (hasField(button, "switch_inline_query")) {
    return { text, switch_inline_query: requiredString(button, "switch_inline_query") };
  }
  if (hasField(button, "switch_inline_query_current_chat")) {
    return { text, switch_inline_query_current_chat: requiredString(button, "switch_inline_query_current_chat") };
  }
  if (hasField(button, "login_url"))
    return { text, login_url: { url: requiredString(requiredObject(button, "login_url"), "url") } };
  if (hasField(button, "web_app"))
    return { text, web_app: { url: requiredString(requiredObject(button, "web_app"), "url") } };
  if (hasField(button, "copy_text"))
    return { text, copy_text: { text: requiredString(requiredObject(button, "copy_text"), "text") } };
  throw new FieldError("Text buttons are unallowed in the inline keyboard");
}

function keyboardMarkup(
  object: JsonObject,
  rows: KeyboardButton[][],
  chatType: ChatType,
  selective: boolean,
  placeholder: string,
): ParsedReplyMarkup | undefined {
  const keyboard = limitButtons(rows);
  if (keyboard.length === 0) return undefined;
  if (chatType !== "private") checkPrivateOnlyButtons(keyboard);
  const markup: ReplyKeyboardMarkup = withFlags(
    { keyboard },
    {
      is_persistent: optionalBool(object, "is_persistent"),
      resize_keyboard: optionalBool(object, "resize_keyboard"),
      one_time_keyboard: optionalBool(object, "one_time_keyboard"),
      selective,
    },
  );
  if (placeholder) markup.input_field_placeholder = placeholder;
  return { kind: "keyboard", markup };
}

function checkPrivateOnlyButtons(keyboard: KeyboardButton[][]): void {
  for (const button of keyboard.flat()) {
    if (button.request_contact) throw new FieldError("Phone number can be requested in private chats only");
    if (button.request_location) throw new FieldError("Location can be requested in private chats only");
    if (button.web_app) throw new FieldError("Web App buttons can be used in private chats only");
  }
}

function inlineMarkup(rows: InlineKeyboardButton[][]): ParsedReplyMarkup | undefined {
  const inlineKeyboard = limitButtons(rows);
  if (inlineKeyboard.length === 0) return undefined;
  for (const button of inlineKeyboard.flat()) checkInlineButton(button);
  return { kind: "inline", markup: { inline_keyboard: inlineKeyboard } };
}

function checkInlineButton(button: InlineKeyboardButton): void {
  if (button.url !== undefined) {
    const link = checkLink(button.url);
    if (!link.ok) throw new FieldError(`Inline keyboard button URL '${button.url}' is invalid: ${link.reason}`);
    if (!/^tg:\/\/user\?id=/i.test(button.url)) button.url = link.url;
  }
  if (button.callback_data !== undefined && Buffer.byteLength(button.callback_data, "utf8") > MAX_CALLBACK_DATA_BYTES) {
    throw new ApiError(400, `Bad Request: ${TEXT.buttonDataInvalid}`);
  }
}

/** tdlib drops empty-text buttons and empty rows, and cuts rows at 12 and keyboards at 300 buttons. */
function limitButtons<T extends { text: string }>(rows: T[][]): T[][] {
  let total = 0;
  const result: T[][] = [];
  for (const row of rows) {
    const kept = row
      .filter((button) => button.text !== "")
      .slice(0, MAX_BUTTONS_PER_ROW)
      .slice(0, MAX_BUTTONS - total);
    total += kept.length;
    if (kept.length > 0) result.push(kept);
    if (total >= MAX_BUTTONS) break;
  }
  return result;
}

/** Telegram echoes optional boolean flags only when they are set. */
function withFlags<T extends object>(base: T, flags: Record<string, boolean>): T {
  const result: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [name, value] of Object.entries(flags)) if (value) result[name] = true;
  return result as T;
}

function lowerFirst(message: string): string {
  return message.charAt(0).toLowerCase() + message.slice(1);
}
