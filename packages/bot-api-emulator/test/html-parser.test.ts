import { describe, expect, it } from "vitest";
import { formatText, MESSAGE_TEXT_RULES } from "../src/formatted-text.ts";
import { parseHtml } from "../src/html-parser.ts";
import { EntityParseError } from "../src/parsed-text.ts";

function parseError(html: string): string {
  try {
    parseHtml(html);
  } catch (error) {
    if (error instanceof EntityParseError) return error.message;
    throw error;
  }
  throw new Error(`parsed: ${html}`);
}

describe("Telegram's HTML parse mode", () => {
  it("counts entity offsets in UTF-16 code units", () => {
    expect(parseHtml("😀 <b>жирный</b> <i>x</i>")).toEqual({
      text: "😀 жирный x",
      entities: [
        { type: "bold", offset: 3, length: 6 },
        { type: "italic", offset: 10, length: 1 },
      ],
    });
  });

  it("decodes only the entities Telegram knows, and keeps a bare & as text", () => {
    expect(parseHtml("Tom & Jerry &amp; &lt;3 &quot;x&quot; &#128512; &#x41; &nbsp;").text).toBe(
      'Tom & Jerry & <3 "x" 😀 A &nbsp;',
    );
  });

  it("supports every tag of the Bot API", () => {
    const { text, entities } = parseHtml(
      '<strong>b</strong><em>i</em><ins>u</ins><del>s</del><span class="tg-spoiler">p</span>' +
        '<code>c</code><pre><code class="language-ts">let x</code></pre>' +
        '<blockquote expandable>q</blockquote><a href="tg://user?id=42">m</a>' +
        '<tg-emoji emoji-id="5368324170671202286">👍</tg-emoji>',
    );
    expect(text).toBe("biuspclet xqm👍");
    expect(entities.map((entity) => entity.type)).toEqual([
      "bold",
      "italic",
      "underline",
      "strikethrough",
      "spoiler",
      "code",
      "pre",
      "expandable_blockquote",
      "text_mention",
      "custom_emoji",
    ]);
    expect(entities.find((entity) => entity.type === "pre")).toMatchObject({ offset: 6, length: 5, language: "ts" });
    expect(entities.find((entity) => entity.type === "code")).not.toHaveProperty("language");
  });

  it("answers the server error texts with byte offsets", () => {
    expect(parseError("ж<foo>")).toBe('Unsupported start tag "foo" at byte offset 2');
    expect(parseError("a <")).toBe("Unclosed start tag at byte offset 2");
    expect(parseError("x</b>")).toBe("Unexpected end tag at byte offset 1");
    expect(parseError("<span>x</span>")).toBe('Tag "span" must have class "tg-spoiler" at byte offset 0');
    expect(parseError('<a href=x"y>z</a>')).toBe("Unexpected end of name token at byte offset 8");
    expect(parseError("<i><b>x</i></b>")).toBe('Unmatched end tag at byte offset 7, expected "</b>", found "</i>"');
    expect(parseError("<b><i>x</i>")).toBe('Can\'t find end tag corresponding to start tag "b"');
  });

  it("drops links Telegram would not accept instead of failing", () => {
    expect(parseHtml('<a href="javascript:alert(1)">x</a>').entities).toEqual([]);
    expect(parseHtml('<a href="example.com">x</a>').entities).toEqual([
      { type: "text_link", offset: 0, length: 1, url: "http://example.com/" },
    ]);
  });

  it("trims spaces and newlines around the text but not inside the first entity", () => {
    expect(formatText("\n  <b> hi </b>  \n", "HTML", undefined, MESSAGE_TEXT_RULES)).toEqual({
      text: " hi",
      entities: [{ type: "bold", offset: 0, length: 3 }],
    });
  });
});
