import { describe, expect, it } from "vitest";
import { parseMarkdownV1 } from "../src/markdown-v1.ts";
import { parseMarkdownV2 } from "../src/markdown-v2.ts";
import { EntityParseError } from "../src/parsed-text.ts";

function v2Error(text: string): string {
  try {
    parseMarkdownV2(text);
  } catch (error) {
    if (error instanceof EntityParseError) return error.message;
    throw error;
  }
  throw new Error(`parsed: ${text}`);
}

describe("Telegram's MarkdownV2 parse mode", () => {
  it("parses the documented entities", () => {
    const { text, entities } = parseMarkdownV2(
      "*bold* _italic_ __underline__ ~strike~ ||spoiler|| `code` [link](https://example.com/a\\)b) " +
        "```python\nprint(1)\n``` \\. done",
    );
    expect(text).toBe("bold italic underline strike spoiler code link print(1)\n . done");
    expect(entities).toEqual([
      { type: "bold", offset: 0, length: 4 },
      { type: "italic", offset: 5, length: 6 },
      { type: "underline", offset: 12, length: 9 },
      { type: "strikethrough", offset: 22, length: 6 },
      { type: "spoiler", offset: 29, length: 7 },
      { type: "code", offset: 37, length: 4 },
      { type: "text_link", offset: 42, length: 4, url: "https://example.com/a)b" },
      { type: "pre", offset: 47, length: 9, language: "python" },
    ]);
  });

  it("answers the reserved-character and unclosed-entity errors", () => {
    expect(v2Error("Done.")).toBe("Character '.' is reserved and must be escaped with the preceding '\\'");
    expect(v2Error("1-2")).toBe("Character '-' is reserved and must be escaped with the preceding '\\'");
    expect(v2Error("a *bold")).toBe("Can't find end of Bold entity at byte offset 2");
    expect(v2Error("[x](http://a.b")).toBe("Can't find end of a URL at byte offset 4");
  });

  it("supports block quotes", () => {
    expect(parseMarkdownV2(">quoted\n>more\nafter")).toEqual({
      text: "quoted\nmore\nafter",
      entities: [{ type: "blockquote", offset: 0, length: 12 }],
    });
  });
});

describe("Telegram's legacy Markdown parse mode", () => {
  it("parses entities and leaves other characters alone", () => {
    expect(parseMarkdownV1("*Hi* 1-2. _x_ [site](example.com) \\*")).toEqual({
      text: "Hi 1-2. x site *",
      entities: [
        { type: "bold", offset: 0, length: 2 },
        { type: "italic", offset: 8, length: 1 },
        { type: "text_link", offset: 10, length: 4, url: "http://example.com/" },
      ],
    });
  });

  it("fails on an unclosed entity", () => {
    expect(() => parseMarkdownV1("snake_case")).toThrow("Can't find end of the entity starting at byte offset 5");
  });
});
