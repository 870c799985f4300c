import { badRequest } from "./api-error.ts";
import { TEXT } from "./error-texts.ts";
import { parseHtml } from "./html-parser.ts";
import { parseMarkdownV1 } from "./markdown-v1.ts";
import { parseMarkdownV2 } from "./markdown-v2.ts";
import { EntityParseError, sortEntities } from "./parsed-text.ts";
import type { MessageEntity } from "./types.ts";

export interface FormattedText {
  text: string;
  entities: MessageEntity[];
}

export interface TextRules {
  maxLength: number;
  tooLongText: string;
  allowEmpty: boolean;
}

export const MESSAGE_TEXT_RULES: TextRules = { maxLength: 4096, tooLongText: TEXT.messageTooLong, allowEmpty: false };
export const CAPTION_RULES: TextRules = { maxLength: 1024, tooLongText: TEXT.captionTooLong, allowEmpty: true };

/**
 * What Telegram stores for a text or caption: parse_mode applied, control characters
 * cleaned, leading and trailing spaces/newlines trimmed, and only then the length checked
 * (in Unicode code points, after entity parsing).
 */
export function formatText(
  raw: string,
  parseMode: string | undefined,
  entities: unknown,
  rules: TextRules,
): FormattedText {
  return finalizeFormatted(parseFormatted(raw, parseMode, entities), rules);
}

/** The Bot API server's part, done before it looks at the chat: parse_mode errors. */
export function parseFormatted(raw: string, parseMode: string | undefined, entities: unknown): FormattedText {
  if (Buffer.byteLength(raw, "utf8") > 1 << 15) throw badRequest("text is too long");
  return applyParseMode(raw, parseMode, entities);
}

/** tdlib's part, done when sending: cleaning, trimming, emptiness and length. */
export function finalizeFormatted(parsed: FormattedText, rules: TextRules): FormattedText {
  const result = trimText(cleanText(parsed));
  if (result.text === "" && !rules.allowEmpty) throw badRequest(TEXT.textMustBeNonEmpty);
  if ([...result.text].length > rules.maxLength) throw badRequest(rules.tooLongText);
  return result;
}

function applyParseMode(raw: string, parseMode: string | undefined, entities: unknown): FormattedText {
  const mode = (parseMode ?? "").toLowerCase();
  if (raw === "" || mode === "" || mode === "none") return { text: raw, entities: explicitEntities(entities) };
  const parse = PARSERS[mode];
  if (!parse) throw badRequest(TEXT.unsupportedParseMode);
  try {
    return parse(raw);
  } catch (error) {
    if (error instanceof EntityParseError) throw badRequest(`can't parse entities: ${error.message}`);
    throw error;
  }
}

const PARSERS: Record<string, (text: string) => FormattedText> = {
  html: parseHtml,
  markdownv2: parseMarkdownV2,
  markdown: parseMarkdownV1,
};

function explicitEntities(value: unknown): MessageEntity[] {
  const list = typeof value === "string" ? safeJson(value) : value;
  if (!Array.isArray(list)) return [];
  return sortEntities(list.filter(isEntity).filter((entity) => entity.length > 0));
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw badRequest("can't parse entities JSON object");
  }
}

function isEntity(value: unknown): value is MessageEntity {
  if (typeof value !== "object" || value === null) return false;
  const entity = value as Partial<MessageEntity>;
  return typeof entity.type === "string" && Number.isInteger(entity.offset) && Number.isInteger(entity.length);
}

/** tdlib's clean_input_string: control characters become spaces and '\r' disappears. */
function cleanText(input: FormattedText): FormattedText {
  const removed: number[] = [];
  let text = "";
  for (let i = 0; i < input.text.length; i++) {
    const ch = input.text[i] as string;
    if (ch === "\r") {
      removed.push(i);
      continue;
    }
    text += isControl(ch) ? " " : ch;
  }
  if (removed.length === 0) return { text, entities: input.entities };
  const shift = (index: number): number => index - removed.filter((position) => position < index).length;
  const entities = input.entities
    .map((entity) => ({
      ...entity,
      offset: shift(entity.offset),
      length: shift(entity.offset + entity.length) - shift(entity.offset),
    }))
    .filter((entity) => entity.length > 0);
  return { text, entities };
}

function isControl(ch: string): boolean {
  const code = ch.charCodeAt(0);
  return code < 0x20 && ch !== "\n";
}

/** Telegram trims only ' ' and '\n', and never trims the start of the first entity. */
function trimText(input: FormattedText): FormattedText {
  let end = input.text.length;
  while (end > 0 && isTrimmable(input.text[end - 1])) end--;
  if (end === 0) return { text: "", entities: [] };
  const clipped = input.entities
    .filter((entity) => entity.offset < end)
    .map((entity) => ({ ...entity, length: Math.min(entity.length, end - entity.offset) }));
  const firstEntity = Math.min(end, ...clipped.map((entity) => entity.offset));
  let start = 0;
  while (start < firstEntity && isTrimmable(input.text[start])) start++;
  return {
    text: input.text.slice(start, end),
    entities: clipped.map((entity) => ({ ...entity, offset: entity.offset - start })),
  };
}

const isTrimmable = (ch: string | undefined): boolean => ch === " " || ch === "\n";
