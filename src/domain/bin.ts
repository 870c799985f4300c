// Business identification number of a legal entity (BIN): 12 digits, YYMM of
// registration, the entity's type in the 5th digit (4 resident legal entity,
// 5 non-resident, 6 individual entrepreneur in joint venture), and the same
// check digit as the IIN.
import { iinCheckDigit } from "./iin.ts";

export type BinParseResult = { ok: true; bin: string } | { ok: false; reason: "format" | "checksum" };

export function parseBin(text: string): BinParseResult {
  const bin = text.replace(/[\s\u00A0]/g, "");
  if (!/^\d{12}$/.test(bin)) return { ok: false, reason: "format" };
  const month = Number(bin.slice(2, 4));
  if (month < 1 || month > 12 || !"456".includes(bin[4]!)) return { ok: false, reason: "format" };
  return iinCheckDigit(bin.slice(0, 11)) === Number(bin[11]) ? { ok: true, bin } : { ok: false, reason: "checksum" };
}
