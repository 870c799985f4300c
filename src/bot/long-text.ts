// Telegram refuses a message longer than 4,096 characters, and a valid form
// is longer than that (20 jobs, 20 schools, 1,000 characters of skills). So
// every text the bot sends is split at paragraph, then line, then word
// boundaries into messages Telegram takes; a keyboard goes on the last part,
// which is the message a question's answer follows. The bot sends plain text
// only (no parse_mode): a text with formatting is passed on unchanged rather
// than cut inside a tag or an entity.
import type { Transformer } from "grammy";

/** Telegram's limit of a message's text, after entity parsing, in characters. */
export const MESSAGE_LIMIT = 4096;

// Telegram counts Unicode code points; a UTF-16 length is never smaller, so a
// part measured by it always fits.
const fits = (text: string, limit: number) => text.length <= limit;

/** The text in parts of at most `limit` characters, cut where a reader would pause. */
export function splitLongText(text: string, limit = MESSAGE_LIMIT): string[] {
  if (fits(text.trim(), limit)) return [text];
  const parts: string[] = [];
  let current = "";
  const flush = () => {
    if (current.trim()) parts.push(current.trim());
    current = "";
  };
  const add = (piece: string, separator: string) => {
    if (current && fits(`${current}${separator}${piece}`, limit)) {
      current = `${current}${separator}${piece}`;
      return;
    }
    flush();
    if (fits(piece, limit)) current = piece;
    else for (const cut of cutLine(piece, limit)) parts.push(cut);
  };
  for (const paragraph of text.split("\n\n")) {
    if (fits(paragraph, limit)) add(paragraph, "\n\n");
    else for (const [i, line] of paragraph.split("\n").entries()) add(line, i === 0 ? "\n\n" : "\n");
  }
  flush();
  return parts;
}

/** A single line longer than the limit, cut at the last space that fits (or anywhere, never inside a character). */
function cutLine(line: string, limit: number): string[] {
  const parts: string[] = [];
  let rest = line;
  while (!fits(rest, limit)) {
    let end = rest.lastIndexOf(" ", limit);
    if (end < limit / 2) end = limit;
    // Never between the two halves of a surrogate pair.
    if (end === limit && /[\uD800-\uDBFF]/.test(rest[end - 1] ?? "")) end--;
    parts.push(rest.slice(0, end).trim());
    rest = rest.slice(end).trim();
  }
  if (rest) parts.push(rest);
  return parts.filter(Boolean);
}

type SendMessagePayload = {
  text?: unknown;
  parse_mode?: unknown;
  entities?: unknown;
  reply_markup?: unknown;
  reply_parameters?: unknown;
};

/**
 * Installed on an Api: a sendMessage whose text is too long goes out as
 * several messages; the first one keeps the reply, the last one the
 * keyboard, and the caller gets the last one (what a question's answer
 * follows, and what a keyboard's presses name). Install it after the retry
 * transformers, so that each part is retried on its own.
 */
export function splitLongMessages(limit = MESSAGE_LIMIT): Transformer {
  return async (prev, method, payload, signal) => {
    if (method !== "sendMessage") return prev(method, payload, signal);
    const { text, parse_mode, entities, reply_markup, reply_parameters, ...rest } = payload as SendMessagePayload;
    if (typeof text !== "string" || parse_mode || entities) return prev(method, payload, signal);
    const parts = splitLongText(text, limit);
    if (parts.length <= 1) return prev(method, payload, signal);
    let last: Awaited<ReturnType<typeof prev>> | undefined;
    for (const [index, part] of parts.entries()) {
      last = await prev(
        method,
        {
          ...rest,
          text: part,
          ...(index === 0 && reply_parameters ? { reply_parameters } : {}),
          ...(index === parts.length - 1 && reply_markup ? { reply_markup } : {}),
        } as typeof payload,
        signal,
      );
      if (!last.ok) return last;
    }
    return last!;
  };
}
