// Telegram's legacy Markdown parse mode, after tdlib's parse_markdown: *bold*, _italic_,
// `code`, ```pre```, [text](url); only _ * ` [ can be escaped, everything else is literal.

import { checkedLink } from "./links.ts";
import { EntityParseError, type ParsedText, sortEntities } from "./parsed-text.ts";
import type { MessageEntity } from "./types.ts";
import { isSpace, Utf8Output, Utf8Source } from "./utf8-text.ts";

const MARKERS = "_*`[";

export function parseMarkdownV1(text: string): ParsedText {
  const src = new Utf8Source(text);
  const out = new Utf8Output();
  const entities: MessageEntity[] = [];
  for (let i = 0; i < src.length; i++) {
    const c = src.char(i);
    if (c === "\\" && MARKERS.includes(src.char(i + 1)) && src.at(i + 1) !== 0) {
      out.pushEscaped(src.at(++i));
      continue;
    }
    if (!MARKERS.includes(c) || src.at(i) === 0) {
      out.push(src.at(i));
      continue;
    }
    i = readEntity(src, out, entities, i);
  }
  return { text: out.toString(), entities: sortEntities(entities) };
}

/** Reads one entity starting at `begin`; returns the index of its last byte. */
function readEntity(src: Utf8Source, out: Utf8Output, entities: MessageEntity[], begin: number): number {
  const marker = src.char(begin);
  const endMarker = marker === "[" ? "]" : marker;
  let i = begin + 1;
  let isPre = false;
  let language = "";
  if (marker === "`" && src.char(i) === "`" && src.char(i + 1) === "`") {
    isPre = true;
    i += 2;
    let languageEnd = i;
    while (!isSpace(src.at(languageEnd)) && src.char(languageEnd) !== "`") languageEnd++;
    if (i !== languageEnd && languageEnd < src.length && src.char(languageEnd) !== "`") {
      language = src.slice(i, languageEnd);
      i = languageEnd;
    }
    const here = src.char(i);
    const after = src.char(i + 1);
    if (here === "\n" || here === "\r") i += (after === "\n" || after === "\r") && here !== after ? 2 : 1;
  }
  const offset = out.utf16;
  const isEnd = (j: number): boolean =>
    src.char(j) === endMarker && (!isPre || (src.char(j + 1) === "`" && src.char(j + 2) === "`"));
  while (i < src.length && !isEnd(i)) out.push(src.at(i++));
  if (i >= src.length) throw new EntityParseError(`Can't find end of the entity starting at byte offset ${begin}`);
  const length = out.utf16 - offset;
  if (length > 0) {
    const link = marker === "[" ? readLink(src, begin, i) : undefined;
    if (link) i = link.last;
    const entity = entityFor(marker, isPre, language, offset, length, link?.url);
    if (entity) entities.push(entity);
  }
  return isPre ? i + 2 : i;
}

function readLink(src: Utf8Source, begin: number, close: number): { url: string | undefined; last: number } {
  if (src.char(close + 1) !== "(") return { url: checkedLink(src.slice(begin + 1, close)), last: close };
  let i = close + 2;
  const start = i;
  while (i < src.length && src.char(i) !== ")") i++;
  return { url: checkedLink(src.slice(start, i)), last: i };
}

function entityFor(
  marker: string,
  isPre: boolean,
  language: string,
  offset: number,
  length: number,
  url: string | undefined,
): MessageEntity | undefined {
  if (marker === "_") return { type: "italic", offset, length };
  if (marker === "*") return { type: "bold", offset, length };
  if (marker === "[") return url === undefined ? undefined : { type: "text_link", offset, length, url };
  if (!isPre) return { type: "code", offset, length };
  return language ? { type: "pre", offset, length, language } : { type: "pre", offset, length };
}
