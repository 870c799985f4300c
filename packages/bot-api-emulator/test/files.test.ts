import { InputFile } from "grammy";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { TestUser } from "../src/index.ts";
import { createHarness, type Harness, TOKEN } from "./helpers.ts";

const PNG_1X1 = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
  "base64",
);

describe("files", () => {
  let h: Harness;
  let alice: TestUser;
  beforeEach(async () => {
    h = await createHarness();
    alice = h.emulator.createUser({ firstName: "Alice" });
  });
  afterEach(async () => {
    await h.stop();
  });

  it("keeps the bytes, name and type of a document the bot uploads", async () => {
    h.bot.command("export", (ctx) =>
      ctx.replyWithDocument(new InputFile(Buffer.from("name;phone\nAlice;7701\n"), "applicants 2024.csv"), {
        caption: "<b>Export</b>",
        parse_mode: "HTML",
      }),
    );
    await h.start();
    const [message] = await alice.send("/export");
    expect(message?.document).toMatchObject({ file_name: "applicants 2024.csv", mime_type: "text/csv", file_size: 22 });
    expect(message?.caption).toBe("Export");
    expect(message?.caption_entities).toEqual([{ type: "bold", offset: 0, length: 6 }]);
    const file = alice.fileOf();
    const rows = Buffer.from(file?.bytes ?? [])
      .toString("utf8")
      .trim()
      .split("\n")
      .map((line) => line.split(";"));
    expect(rows).toEqual([
      ["name", "phone"],
      ["Alice", "7701"],
    ]);
    const call = h.emulator.callsTo("sendDocument")[0];
    expect(call?.params.document).toEqual({
      filename: "applicants 2024.csv",
      contentType: "application/octet-stream",
      size: 22,
    });
  });

  it("accepts real images as photos, rejects other bytes, and reuses file_ids", async () => {
    alice.post("/start");
    const sent = await h.bot.api.sendPhoto(alice.id, new InputFile(PNG_1X1, "dot.png"));
    const largest = sent.photo.at(-1);
    expect(largest).toMatchObject({ width: 1, height: 1 });
    const stored = h.emulator.file(largest?.file_id ?? "");
    expect(Buffer.from(stored?.bytes ?? []).subarray(0, 8)).toEqual(PNG_1X1.subarray(0, 8));
    await expect(
      h.bot.api.sendPhoto(alice.id, new InputFile(Buffer.from("not an image"), "x.png")),
    ).rejects.toMatchObject({
      description: "Bad Request: IMAGE_PROCESS_FAILED",
    });
    const again = await h.bot.api.sendPhoto(alice.id, largest?.file_id ?? "");
    expect(again.photo.at(-1)?.file_id).toBe(largest?.file_id);
    await expect(h.bot.api.sendDocument(alice.id, "no-such-file-id")).rejects.toMatchObject({
      description: "Bad Request: wrong file identifier/HTTP URL specified",
    });
  });

  it("lets the bot download what a user sends", async () => {
    const downloaded: string[] = [];
    h.bot.on("message:document", async (ctx) => {
      const file = await ctx.getFile();
      const response = await fetch(`${h.emulator.apiRoot}/file/bot${TOKEN}/${file.file_path}`);
      downloaded.push(await response.text());
      await ctx.reply(`Got ${ctx.message.document.file_name} (${ctx.message.document.mime_type})`);
    });
    h.bot.on("message:photo", (ctx) => ctx.reply(`Photo in ${ctx.message.photo.length} sizes`));
    h.bot.on(["message:voice", "message:sticker"], (ctx) => ctx.reply("media"));
    await h.start();
    await alice.sendDocument({ fileName: "cv.txt", content: "My CV" });
    expect(alice.lastText()).toBe("Got cv.txt (text/plain)");
    expect(downloaded).toEqual(["My CV"]);
    await alice.sendPhoto({ width: 1000, height: 500 });
    expect(alice.lastText()).toBe("Photo in 4 sizes");
    await alice.sendVoice();
    await alice.sendSticker();
    const kinds = alice
      .history()
      .flatMap((message) => Object.keys(message).filter((key) => ["voice", "sticker"].includes(key)));
    expect(kinds).toEqual(["voice", "sticker"]);
    await expect(h.bot.api.getFile("bogus")).rejects.toMatchObject({ description: "Bad Request: invalid file_id" });
  });
});
