// What the operators' desk (a Mini App) opens on: the `startapp` parameter of
// a direct link `https://t.me/<bot>/<app>?startapp=<param>` posted in the
// staff group. The group sees the link, so the parameter must say nothing of
// the person and must not be made up for another record: it is the record's
// kind and id (a random UUID, not the guessable number) with an HMAC tag under
// a key of its own. The desk accepts only parameters the bot made, and still
// checks the operator (initData) before showing anything.
//
// Why an HMAC and not a random token stored with the record: nothing to
// migrate or look up, and the same link is made again for an edited card.
// The key is derived from the one-time passwords' key (required in
// production) under a label of its own, so there is no further secret to keep.
import { createHmac, timingSafeEqual } from "node:crypto";

export const deskRecordKinds = ["application", "appeal", "complaint"] as const;
export type DeskRecordKind = (typeof deskRecordKinds)[number];

/** Where the desk opens: one record, the search, or the export. */
export type DeskStart =
  | { screen: "find" }
  | { screen: "export" }
  | { screen: "record"; kind: DeskRecordKind; id: string };

const kindLetter: Record<DeskRecordKind, string> = { application: "a", appeal: "p", complaint: "c" };
const letterKind = new Map(Object.entries(kindLetter).map(([kind, letter]) => [letter, kind as DeskRecordKind]));

/** 16 bytes of tag: 128 bits, more than a forger can try against the desk. */
const TAG_BYTES = 16;
const recordParam = /^([apc])_([0-9a-f]{32})_([A-Za-z0-9_-]{22})$/;

export type DeskStarts = ReturnType<typeof createDeskStarts>;

export function createDeskStarts(secret: string) {
  const key = createHmac("sha256", secret).update("staff desk start parameter v1").digest();
  const tag = (letter: string, hex: string) =>
    createHmac("sha256", key).update(`${letter}:${hex}`).digest().subarray(0, TAG_BYTES);

  return {
    /** `startapp` of one record: "a_<32 hex>_<22 base64url>", 57 characters of A-Z a-z 0-9 _ - (under 64, the strictest limit Telegram sets on a start parameter). */
    forRecord(kind: DeskRecordKind, id: string): string {
      const letter = kindLetter[kind];
      const hex = id.replaceAll("-", "").toLowerCase();
      return `${letter}_${hex}_${tag(letter, hex).toString("base64url")}`;
    },

    /** What a `startapp` parameter asks for; undefined when the bot did not make it. */
    read(param: string): DeskStart | undefined {
      if (param === "find" || param === "export") return { screen: param };
      const match = recordParam.exec(param);
      if (!match) return undefined;
      const [, letter, hex, given] = match as unknown as [string, string, string, string];
      const expected = tag(letter, hex);
      const actual = Buffer.from(given, "base64url");
      if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) return undefined;
      const id = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
      return { screen: "record", kind: letterKind.get(letter)!, id };
    },
  };
}
