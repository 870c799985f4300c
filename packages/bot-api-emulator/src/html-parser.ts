// Telegram's HTML parse mode, following tdlib's parse_html byte for byte so that the
// error texts and byte offsets match what the real server answers. Quirks kept on purpose:
// a bare `&` that starts no known entity is literal text (Telegram accepts "Tom & Jerry"),
// only &lt; &gt; &amp; &quot; and numeric references are decoded, and a `<` that does not
// open a supported tag is an error ("Unsupported start tag").
import { checkedLink } from "./links.ts";
import { EntityParseError, type ParsedText, sortEntities } from "./parsed-text.ts";
import type { MessageEntity } from "./types.ts";
import { isFirstCodeUnit, isSpace } from "./utf8-text.ts";

interface OpenTag {
  name: string;
  argument: string;
  unixTime: number;
  utf16Offset: number;
  outPosition: number;
}

const SUPPORTED_TAGS = new Set([
  "a",
  "b",
  "strong",
  "i",
  "em",
  "s",
  "strike",
  "del",
  "u",
  "ins",
  "tg-spoiler",
  "tg-emoji",
  "tg-time",
  "span",
  "pre",
  "code",
  "blockquote",
]);

const LT = 0x3c;
const GT = 0x3e;
const AMP = 0x26;
const SLASH = 0x2f;
const EQUALS = 0x3d;
const DQUOTE = 0x22;
const SQUOTE = 0x27;

const isAlnum = (c: number): boolean =>
  (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);

export function parseHtml(html: string): ParsedText {
  return new HtmlParser(Buffer.from(html, "utf8")).parse();
}

class HtmlParser {
  private readonly src: Buffer;
  private readonly out: Buffer;
  private outLength = 0;
  private utf16 = 0;
  private hasSurrogate = false;
  private readonly open: OpenTag[] = [];
  private readonly entities: MessageEntity[] = [];

  constructor(src: Buffer) {
    this.src = src;
    this.out = Buffer.alloc(src.length);
  }

  private at(i: number): number {
    return i < this.src.length ? (this.src[i] as number) : 0;
  }

  private slice(from: number, to: number): string {
    return this.src.subarray(from, to).toString("utf8");
  }

  parse(): ParsedText {
    for (let i = 0; i < this.src.length; i++) {
      const c = this.at(i);
      if (c === AMP) {
        const decoded = decodeHtmlEntity(this.src, i);
        if (decoded) {
          this.appendCodePoint(decoded.code);
          i = decoded.next - 1;
          continue;
        }
      }
      if (c !== LT) {
        if (isFirstCodeUnit(c)) this.utf16 += c >= 0xf0 ? 2 : 1;
        this.out[this.outLength++] = c;
        continue;
      }
      i = this.at(i + 1) === SLASH ? this.closeTag(i) : this.openTag(i);
    }
    const unclosed = this.open.at(-1);
    if (unclosed) throw new EntityParseError(`Can't find end tag corresponding to start tag "${unclosed.name}"`);
    if (this.hasSurrogate) {
      throw new EntityParseError(
        "Text contains invalid Unicode characters after decoding HTML entities, check for unmatched surrogate code units",
      );
    }
    for (const entity of this.entities) if (entity.type === "code") delete entity.language;
    return { text: this.out.subarray(0, this.outLength).toString("utf8"), entities: sortEntities(this.entities) };
  }

  private appendCodePoint(code: number): void {
    this.utf16 += code > 0xffff ? 2 : 1;
    if (code >= 0xd800 && code <= 0xdfff) this.hasSurrogate = true;
    const encoded = Buffer.from(String.fromCodePoint(code), "utf8");
    encoded.copy(this.out, this.outLength);
    this.outLength += encoded.length;
  }

  /** Reads `<tag attr=...>` starting at `begin` (the '<'); returns the index of its '>'. */
  private openTag(begin: number): number {
    let i = begin + 1;
    while (!isSpace(this.at(i)) && this.at(i) !== GT) i++;
    if (this.at(i) === 0) throw new EntityParseError(`Unclosed start tag at byte offset ${begin}`);
    const name = this.slice(begin + 1, i).toLowerCase();
    if (!SUPPORTED_TAGS.has(name)) {
      throw new EntityParseError(`Unsupported start tag "${name}" at byte offset ${begin}`);
    }
    const tag: OpenTag = { name, argument: "", unixTime: 0, utf16Offset: this.utf16, outPosition: this.outLength };
    i = this.readAttributes(tag, begin, i);
    if (name === "span" && tag.argument !== "spoiler") {
      throw new EntityParseError(`Tag "span" must have class "tg-spoiler" at byte offset ${begin}`);
    }
    this.open.push(tag);
    return i;
  }

  private readAttributes(tag: OpenTag, begin: number, start: number): number {
    let i = start;
    while (this.at(i) !== GT) {
      while (this.at(i) !== 0 && isSpace(this.at(i))) i++;
      if (this.at(i) === GT) break;
      const nameBegin = i;
      while (!isSpace(this.at(i)) && ![EQUALS, GT, SLASH, DQUOTE, SQUOTE].includes(this.at(i))) i++;
      const attribute = this.slice(nameBegin, i);
      if (attribute === "") {
        throw new EntityParseError(`Empty attribute name in the tag "${tag.name}" at byte offset ${begin}`);
      }
      while (this.at(i) !== 0 && isSpace(this.at(i))) i++;
      if (this.at(i) !== EQUALS) {
        if (this.at(i) === 0) throw new EntityParseError(`Unclosed start tag "${tag.name}" at byte offset ${begin}`);
        if (tag.name === "blockquote" && attribute === "expandable") tag.argument = "1";
        continue;
      }
      i++;
      while (this.at(i) !== 0 && isSpace(this.at(i))) i++;
      if (this.at(i) === 0) throw new EntityParseError(`Unclosed start tag "${tag.name}" at byte offset ${begin}`);
      const value = this.readAttributeValue(i);
      i = value.next;
      if (this.at(i) === 0) throw new EntityParseError(`Unclosed start tag at byte offset ${begin}`);
      applyAttribute(tag, attribute, value.text);
    }
    return i;
  }

  private readAttributeValue(start: number): { text: string; next: number } {
    let i = start;
    const quote = this.at(i);
    if (quote !== DQUOTE && quote !== SQUOTE) {
      // An unquoted HTML name token: letters, digits, periods and hyphens, case-insensitive.
      while (isAlnum(this.at(i)) || this.at(i) === 0x2e || this.at(i) === 0x2d) i++;
      if (!isSpace(this.at(i)) && this.at(i) !== GT) {
        throw new EntityParseError(`Unexpected end of name token at byte offset ${start}`);
      }
      return { text: this.slice(start, i).toLowerCase(), next: i };
    }
    i++;
    const bytes: number[] = [];
    while (this.at(i) !== quote && this.at(i) !== 0) {
      const decoded = this.at(i) === AMP ? decodeHtmlEntity(this.src, i) : undefined;
      if (decoded) {
        bytes.push(...Buffer.from(String.fromCodePoint(decoded.code), "utf8"));
        i = decoded.next;
        continue;
      }
      bytes.push(this.at(i));
      i++;
    }
    if (this.at(i) === quote) i++;
    return { text: Buffer.from(bytes).toString("utf8"), next: i };
  }

  /** Reads `</tag>` starting at `begin`; returns the index of its '>'. */
  private closeTag(begin: number): number {
    const tag = this.open.at(-1);
    if (!tag) throw new EntityParseError(`Unexpected end tag at byte offset ${begin}`);
    let i = begin + 1;
    while (!isSpace(this.at(i)) && this.at(i) !== GT) i++;
    const endName = this.slice(begin + 2, i).toLowerCase();
    while (isSpace(this.at(i)) && this.at(i) !== 0) i++;
    if (this.at(i) !== GT) throw new EntityParseError(`Unclosed end tag at byte offset ${begin}`);
    if (endName !== "" && endName !== tag.name) {
      throw new EntityParseError(
        `Unmatched end tag at byte offset ${begin}, expected "</${tag.name}>", found "</${endName}>"`,
      );
    }
    if (this.utf16 > tag.utf16Offset) this.addEntity(tag);
    this.open.pop();
    return i;
  }

  private addEntity(tag: OpenTag): void {
    const offset = tag.utf16Offset;
    const length = this.utf16 - offset;
    const last = this.entities.at(-1);
    const sameSpan = last !== undefined && last.offset === offset && last.length === length;
    const simple = SIMPLE_TAG_TYPES[tag.name];
    if (simple) {
      this.entities.push({ type: simple, offset, length });
    } else if (tag.name === "span" || tag.name === "tg-spoiler") {
      this.entities.push({ type: "spoiler", offset, length });
    } else if (tag.name === "tg-emoji") {
      if (!/^-?\d+$/.test(tag.argument) || BigInt(tag.argument) === 0n) {
        throw new EntityParseError("Invalid custom emoji identifier specified");
      }
      this.entities.push({ type: "custom_emoji", offset, length, custom_emoji_id: tag.argument });
    } else if (tag.name === "tg-time") {
      if (tag.unixTime > 0) {
        this.entities.push({
          type: "date_time",
          offset,
          length,
          unix_time: tag.unixTime,
          date_time_format: tag.argument,
        });
      }
    } else if (tag.name === "a") {
      this.addLink(tag, offset, length);
    } else if (tag.name === "pre") {
      // <pre><code class="language-x">…</code></pre> collapses into one pre entity with a language.
      if (sameSpan && last.type === "code" && last.language) last.type = "pre";
      else this.entities.push({ type: "pre", offset, length });
    } else if (tag.name === "code") {
      if (sameSpan && last.type === "pre" && tag.argument !== "") last.language = tag.argument;
      else this.entities.push({ type: "code", offset, length, language: tag.argument });
    } else if (tag.name === "blockquote") {
      this.entities.push({ type: tag.argument ? "expandable_blockquote" : "blockquote", offset, length });
    }
  }

  private addLink(tag: OpenTag, offset: number, length: number): void {
    const inner = this.out.subarray(tag.outPosition, this.outLength).toString("utf8");
    const url = tag.argument === "" ? inner : tag.argument;
    const mention = /^tg:\/\/user\?id=(\d+)$/i.exec(url);
    if (mention) {
      this.entities.push({
        type: "text_mention",
        offset,
        length,
        user: { id: Number(mention[1]), is_bot: false, first_name: "" },
      });
      return;
    }
    const checked = checkedLink(url);
    if (checked !== undefined) this.entities.push({ type: "text_link", offset, length, url: checked });
  }
}

const SIMPLE_TAG_TYPES: Record<string, string> = {
  b: "bold",
  strong: "bold",
  i: "italic",
  em: "italic",
  u: "underline",
  ins: "underline",
  s: "strikethrough",
  strike: "strikethrough",
  del: "strikethrough",
};

function applyAttribute(tag: OpenTag, attribute: string, value: string): void {
  if (tag.name === "a" && attribute === "href") tag.argument = value;
  else if (tag.name === "code" && attribute === "class" && value.startsWith("language-")) tag.argument = value.slice(9);
  else if (tag.name === "span" && attribute === "class" && value.startsWith("tg-")) tag.argument = value.slice(3);
  else if (tag.name === "tg-emoji" && attribute === "emoji-id") tag.argument = value;
  else if (tag.name === "blockquote" && attribute === "expandable") tag.argument = "1";
  else if (tag.name === "tg-time" && attribute === "unix") tag.unixTime = Number.parseInt(value, 10) || 0;
  else if (tag.name === "tg-time" && attribute === "format") tag.argument = value;
}

/** tdlib's decode_html_entity: returns the code point and the index after the reference, or undefined. */
function decodeHtmlEntity(src: Buffer, pos: number): { code: number; next: number } | undefined {
  const at = (i: number): number => (i < src.length ? (src[i] as number) : 0);
  let end = pos + 1;
  let code = 0;
  if (at(pos + 1) === 0x23) {
    end++;
    const hex = at(pos + 2) === 0x78;
    if (hex) end++;
    const digit = hex ? /[0-9a-fA-F]/ : /[0-9]/;
    while (digit.test(String.fromCharCode(at(end)))) {
      code = code * (hex ? 16 : 10) + Number.parseInt(String.fromCharCode(at(end)), 16);
      end++;
    }
    if (code === 0 || code >= 0x10ffff || end - pos >= 10) return undefined;
  } else {
    while (/[a-zA-Z]/.test(String.fromCharCode(at(end)))) end++;
    const named: Record<string, number> = { lt: 0x3c, gt: 0x3e, amp: 0x26, quot: 0x22 };
    const value = named[src.subarray(pos + 1, end).toString("latin1")];
    if (value === undefined) return undefined;
    code = value;
  }
  return { code, next: at(end) === 0x3b ? end + 1 : end };
}
