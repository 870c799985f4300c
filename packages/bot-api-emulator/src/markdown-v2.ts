// Telegram's MarkdownV2 parse mode, after tdlib's parse_markdown_v2, so that the famous
// "Character '.' is reserved and must be escaped with the preceding '\'" and friends come
// out exactly as the real server words them.

import { checkedLink } from "./links.ts";
import { EntityParseError, type ParsedText, sortEntities } from "./parsed-text.ts";
import type { MessageEntity } from "./types.ts";
import { isFirstCodeUnit, isSpace, Utf8Output, Utf8Source } from "./utf8-text.ts";

type Kind =
  | "Bold"
  | "Italic"
  | "Underline"
  | "Strikethrough"
  | "Spoiler"
  | "Code"
  | "Pre"
  | "PreCode"
  | "TextUrl"
  | "CustomEmoji"
  | "BlockQuote"
  | "ExpandableBlockQuote";

interface OpenEntity {
  kind: Kind;
  argument: string;
  utf16Offset: number;
  byteOffset: number;
  outPosition: number;
}

const RESERVED = "_*[]()~`>#+-=|{}.!\n";

export function parseMarkdownV2(text: string): ParsedText {
  return new MarkdownV2Parser(new Utf8Source(text)).parse();
}

class MarkdownV2Parser {
  private readonly src: Utf8Source;
  private readonly out = new Utf8Output();
  private readonly open: OpenEntity[] = [];
  private readonly entities: MessageEntity[] = [];
  private haveBlockquote = false;
  private canStartBlockquote = true;

  constructor(src: Utf8Source) {
    this.src = src;
  }

  parse(): ParsedText {
    for (let i = 0; i < this.src.length; i++) i = this.step(i);
    this.closeTrailingBlockquote();
    const unclosed = this.open.at(-1);
    if (unclosed)
      throw new EntityParseError(`Can't find end of ${unclosed.kind} entity at byte offset ${unclosed.byteOffset}`);
    return { text: this.out.toString(), entities: sortEntities(this.entities) };
  }

  /** Handles the byte at i; returns the index of the last byte consumed. */
  private step(i: number): number {
    const c = this.src.at(i);
    const next = this.src.at(i + 1);
    if (c === 0x5c && next > 0 && next <= 126) {
      this.out.pushEscaped(next);
      if (next !== 0x0d) this.canStartBlockquote = next === 0x0a;
      return i + 1;
    }
    if (!this.reservedHere().includes(String.fromCharCode(c))) {
      if (isFirstCodeUnit(c) && c !== 0x0d) this.canStartBlockquote = false;
      this.out.push(c);
      return i;
    }
    return this.isEndOfEntity(i) ? this.closeEntity(i) : this.openEntity(i);
  }

  private reservedHere(): string {
    const top = this.open.at(-1)?.kind;
    return top === "Code" || top === "Pre" || top === "PreCode" ? "`" : RESERVED;
  }

  private isEndOfEntity(i: number): boolean {
    const top = this.open.at(-1);
    if (!top) return false;
    const c = this.src.char(i);
    const next = this.src.char(i + 1);
    if (this.haveBlockquote && c === "\n" && (i + 1 === this.src.length || next !== ">")) return true;
    switch (top.kind) {
      case "Bold":
        return c === "*";
      case "Italic":
        return c === "_" && next !== "_";
      case "Code":
        return c === "`";
      case "Pre":
      case "PreCode":
        return c === "`" && next === "`" && this.src.char(i + 2) === "`";
      case "TextUrl":
      case "CustomEmoji":
        return c === "]";
      case "Underline":
        return c === "_" && next === "_";
      case "Strikethrough":
        return c === "~";
      case "Spoiler":
        return c === "|" && next === "|";
      default:
        return false;
    }
  }

  private openEntity(start: number): number {
    let i = start;
    const c = this.src.char(i);
    const next = this.src.char(i + 1);
    let kind: Kind | undefined;
    let argument = "";
    if (c === "_") {
      kind = next === "_" ? "Underline" : "Italic";
      if (next === "_") i++;
    } else if (c === "*") kind = "Bold";
    else if (c === "~") kind = "Strikethrough";
    else if (c === "|" && next === "|") {
      kind = "Spoiler";
      i++;
    } else if (c === "[") kind = "TextUrl";
    else if (c === "`") {
      const pre = this.openCode(i);
      ({ kind, argument } = pre);
      i = pre.last;
    } else if (c === "!" && next === "[") {
      kind = "CustomEmoji";
      i++;
    } else if (c === "\n") {
      this.out.pushEscaped(0x0a);
      this.canStartBlockquote = true;
    } else if (c === ">" && this.canStartBlockquote) {
      if (!this.haveBlockquote) kind = "BlockQuote";
      this.haveBlockquote = true;
    } else {
      throw new EntityParseError(`Character '${c}' is reserved and must be escaped with the preceding '\\'`);
    }
    if (kind)
      this.open.push({ kind, argument, utf16Offset: this.out.utf16, byteOffset: start, outPosition: this.out.length });
    return i;
  }

  /** "`code`" or "```language\npre```"; returns the index of the last byte of the opening. */
  private openCode(start: number): { kind: Kind; argument: string; last: number } {
    if (!(this.src.char(start + 1) === "`" && this.src.char(start + 2) === "`"))
      return { kind: "Code", argument: "", last: start };
    let i = start + 3;
    let kind: Kind = "Pre";
    let argument = "";
    let languageEnd = i;
    while (!isSpace(this.src.at(languageEnd)) && this.src.char(languageEnd) !== "`") languageEnd++;
    if (i !== languageEnd && languageEnd < this.src.length && this.src.char(languageEnd) !== "`") {
      kind = "PreCode";
      argument = this.src.slice(i, languageEnd);
      i = languageEnd;
    }
    // One line break right after the opening is not part of the text.
    const here = this.src.char(i);
    const after = this.src.char(i + 1);
    if (here === "\n" || here === "\r") i += (after === "\n" || after === "\r") && here !== after ? 2 : 1;
    return { kind, argument, last: i - 1 };
  }

  private closeEntity(start: number): number {
    let i = start;
    let top = this.open.at(-1) as OpenEntity;
    let kind = top.kind;
    if (this.src.char(i) === "\n" && kind !== "BlockQuote") {
      kind = this.closeExpandableQuote(i, top);
      this.open.pop();
      top = this.open.at(-1) as OpenEntity;
    }
    let argument = top.argument;
    let skip = this.out.utf16 === top.utf16Offset;
    let mentionedUser: number | undefined;
    if (kind === "Underline" || kind === "Spoiler") i++;
    else if (kind === "Pre" || kind === "PreCode") i += 2;
    else if (kind === "TextUrl") {
      const link = this.readLink(i, top);
      i = link.last;
      mentionedUser = link.userId;
      if (link.url === undefined && mentionedUser === undefined) skip = true;
      else argument = link.url ?? "";
    } else if (kind === "CustomEmoji") {
      const emoji = this.readEmoji(i);
      i = emoji.last;
      argument = emoji.id;
    } else if (kind === "BlockQuote" || kind === "ExpandableBlockQuote") {
      this.haveBlockquote = false;
      this.out.pushEscaped(this.src.at(i));
      this.canStartBlockquote = true;
      skip = false;
    }
    if (!skip)
      this.entities.push(toEntity(kind, top.utf16Offset, this.out.utf16 - top.utf16Offset, argument, mentionedUser));
    this.open.pop();
    return i;
  }

  /** A newline ends a blockquote; "||" just before it makes the quote expandable. */
  private closeExpandableQuote(i: number, top: OpenEntity): Kind {
    const endsWithBars = top.byteOffset === i - 2 || (top.byteOffset === i - 3 && this.out.lastByte() === 0x0d);
    if (top.kind !== "Spoiler" || !endsWithBars) {
      throw new EntityParseError(`Can't find end of ${top.kind} entity at byte offset ${top.byteOffset}`);
    }
    const below = this.open.at(-2) as OpenEntity;
    if (below.kind !== "BlockQuote") {
      throw new EntityParseError(`Can't find end of ${below.kind} entity at byte offset ${below.byteOffset}`);
    }
    return "ExpandableBlockQuote";
  }

  private readLink(i: number, top: OpenEntity): { url: string | undefined; userId: number | undefined; last: number } {
    let url: string;
    let last = i;
    if (this.src.char(i + 1) !== "(") {
      url = this.out.slice(top.outPosition);
    } else {
      const parsed = this.readParenthesized(i + 2);
      url = parsed.text;
      last = parsed.last;
    }
    const mention = /^tg:\/\/user\?id=(\d+)$/i.exec(url);
    if (mention) return { url: undefined, userId: Number(mention[1]), last };
    return { url: checkedLink(url), userId: undefined, last };
  }

  private readEmoji(i: number): { id: string; last: number } {
    if (this.src.char(i + 1) !== "(")
      throw new EntityParseError("The entity must contain a tg://emoji or tg://time URL");
    const parsed = this.readParenthesized(i + 2);
    const id = /^tg:\/\/emoji\?id=(\d+)$/i.exec(parsed.text)?.[1];
    if (!id) throw new EntityParseError("Invalid tg://emoji or tg://time URL specified");
    return { id, last: parsed.last };
  }

  /** Reads up to ')' honoring backslash escapes; returns the index of the ')'. */
  private readParenthesized(start: number): { text: string; last: number } {
    const bytes: number[] = [];
    let i = start;
    while (i < this.src.length && this.src.char(i) !== ")") {
      const next = this.src.at(i + 1);
      if (this.src.char(i) === "\\" && next > 0 && next <= 126) {
        bytes.push(next);
        i += 2;
        continue;
      }
      bytes.push(this.src.at(i++));
    }
    if (this.src.char(i) !== ")") throw new EntityParseError(`Can't find end of a URL at byte offset ${start}`);
    return { text: Buffer.from(bytes).toString("utf8"), last: i };
  }

  private closeTrailingBlockquote(): void {
    if (!this.haveBlockquote) return;
    let top = this.open.at(-1) as OpenEntity;
    let kind: Kind = "BlockQuote";
    if (top.kind === "Spoiler" && top.byteOffset === this.src.length - 2) {
      this.open.pop();
      top = this.open.at(-1) as OpenEntity;
      kind = "ExpandableBlockQuote";
    }
    if (top.kind !== "BlockQuote") return;
    this.haveBlockquote = false;
    const length = this.out.utf16 - top.utf16Offset;
    if (length !== 0) this.entities.push(toEntity(kind, top.utf16Offset, length, "", undefined));
    this.open.pop();
  }
}

function toEntity(
  kind: Kind,
  offset: number,
  length: number,
  argument: string,
  userId: number | undefined,
): MessageEntity {
  if (userId !== undefined)
    return { type: "text_mention", offset, length, user: { id: userId, is_bot: false, first_name: "" } };
  switch (kind) {
    case "PreCode":
      return { type: "pre", offset, length, language: argument };
    case "TextUrl":
      return { type: "text_link", offset, length, url: argument };
    case "CustomEmoji":
      return { type: "custom_emoji", offset, length, custom_emoji_id: argument };
    case "BlockQuote":
      return { type: "blockquote", offset, length };
    case "ExpandableBlockQuote":
      return { type: "expandable_blockquote", offset, length };
    default:
      return { type: kind.toLowerCase(), offset, length };
  }
}
