import { describe, expect, it } from "vitest";
import { checkApplicantAge, iinCheckDigit, maskIin, parseIin } from "../../src/domain/iin.ts";

// Independent of iinCheckDigit, so that the tests do not check the code against itself.
function withCheckDigit(first11: string): string {
  const digits = [...first11].map(Number);
  const sum = (weights: number[]) => digits.reduce((total, digit, i) => total + digit * (weights[i] ?? 0), 0) % 11;
  let check = sum([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
  if (check === 10) check = sum([3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2]);
  if (check === 10) throw new Error(`no valid IIN starts with ${first11}`);
  return first11 + String(check);
}

function withWrongCheckDigit(first11: string): string {
  const right = Number(withCheckDigit(first11).charAt(11));
  return first11 + String((right + 1) % 10);
}

describe("parseIin: literal valid IINs (check digits computed by hand)", () => {
  it.each([
    // 9+4+6+21+11 = 51, 51 mod 11 = 7
    { iin: "900101300017", birthDate: "1990-01-01", sex: "male" },
    // first pass 131 mod 11 = 10; second pass 144 mod 11 = 1
    { iin: "050315600121", birthDate: "2005-03-15", sex: "female" },
    // first pass 208 mod 11 = 10; second pass 183 mod 11 = 7
    { iin: "851224123457", birthDate: "1885-12-24", sex: "male" },
    // 224 mod 11 = 4; 1980 is a leap year
    { iin: "800229400564", birthDate: "1980-02-29", sex: "female" },
  ] as const)("$iin", ({ iin, birthDate, sex }) => {
    expect(parseIin(iin)).toEqual({ ok: true, iin, birthDate, sex });
  });
});

describe("parseIin: century and sex from the 7th digit", () => {
  it.each([
    { digit: "1", birthDate: "1875-06-30", sex: "male" },
    { digit: "2", birthDate: "1875-06-30", sex: "female" },
    { digit: "3", birthDate: "1975-06-30", sex: "male" },
    { digit: "4", birthDate: "1975-06-30", sex: "female" },
    { digit: "5", birthDate: "2075-06-30", sex: "male" },
    { digit: "6", birthDate: "2075-06-30", sex: "female" },
  ] as const)("digit $digit → $sex born $birthDate", ({ digit, birthDate, sex }) => {
    const iin = withCheckDigit(`750630${digit}0427`);
    expect(parseIin(iin)).toEqual({ ok: true, iin, birthDate, sex });
  });

  it.each(["0", "7", "8", "9"])("digit %s has no century → date", (digit) => {
    expect(parseIin(withCheckDigit(`750630${digit}0427`))).toEqual({ ok: false, reason: "date" });
  });
});

describe("parseIin: dates", () => {
  it.each([
    { name: "31 February", first11: "31023130001" },
    { name: "29 February 1923 (not a leap year)", first11: "23022940001" },
    { name: "29 February 1900 (not a leap year)", first11: "00022930001" },
    { name: "month 13", first11: "90130130001" },
    { name: "month 00", first11: "90000130001" },
    { name: "day 00", first11: "90010030001" },
    { name: "31 April", first11: "90043130001" },
  ])("$name → date", ({ first11 }) => {
    expect(parseIin(withCheckDigit(first11))).toEqual({ ok: false, reason: "date" });
  });

  it("accepts 29 February 2000 (a leap year) and 2024", () => {
    expect(parseIin(withCheckDigit("00022950001"))).toMatchObject({ ok: true, birthDate: "2000-02-29" });
    expect(parseIin(withCheckDigit("24022960001"))).toMatchObject({ ok: true, birthDate: "2024-02-29" });
  });
});

describe("parseIin: check digit", () => {
  it.each(["90010130001", "05031560012", "85122412345", "88123150123", "01010150999"])(
    "a wrong 12th digit after %s → checksum",
    (first11) => {
      expect(parseIin(withWrongCheckDigit(first11))).toEqual({ ok: false, reason: "checksum" });
    },
  );

  it("uses the second pass when the first gives 10", () => {
    expect(iinCheckDigit("05031560012")).toBe(1);
    expect(parseIin("050315600121").ok).toBe(true);
    expect(parseIin("050315600120")).toEqual({ ok: false, reason: "checksum" });
  });

  // 9001013008 0: first pass 120 mod 11 = 10, second pass 76 mod 11 = 10
  it.each(["0", "1", "2", "5", "9"])("both passes giving 10 → checksum whatever the 12th digit (%s)", (last) => {
    expect(iinCheckDigit("90010130080")).toBeNull();
    expect(parseIin(`90010130080${last}`)).toEqual({ ok: false, reason: "checksum" });
  });

  it.each(["90010130001", "05031560012", "85122412345", "75063040427", "20123160001"])(
    "iinCheckDigit agrees with the test's own computation for %s",
    (first11) => {
      expect(first11 + String(iinCheckDigit(first11))).toBe(withCheckDigit(first11));
    },
  );
});

describe("parseIin: format", () => {
  it.each([
    { name: "spaces between groups", text: "900101 300017" },
    { name: "spaces between every digit", text: "9 0 0 1 0 1 3 0 0 0 1 7" },
    { name: "non-breaking spaces", text: "900101\u00A0300\u00A0017" },
    { name: "surrounding whitespace", text: "  900101300017 \n" },
    { name: "surrounding tab", text: "\t900101300017" },
  ])("tolerates $name", ({ text }) => {
    expect(parseIin(text)).toEqual({ ok: true, iin: "900101300017", birthDate: "1990-01-01", sex: "male" });
  });

  it.each([
    { name: "empty", text: "" },
    { name: "only spaces", text: "   " },
    { name: "11 digits", text: "90010130001" },
    { name: "13 digits", text: "9001013000170" },
    { name: "a letter", text: "90010130001O" },
    { name: "hyphens", text: "900101-300017" },
    { name: "dots", text: "900.101.300.017" },
    { name: "a tab inside", text: "900101\t300017" },
    { name: "Arabic-Indic digits", text: "٩٠٠١٠١٣٠٠٠١٧" },
    { name: "a plus sign", text: "+900101300017" },
  ])("rejects $name → format", ({ text }) => {
    expect(parseIin(text)).toEqual({ ok: false, reason: "format" });
  });
});

describe("maskIin", () => {
  it("keeps the first 2 and last 2 digits", () => {
    expect(maskIin("900101300017")).toBe("90********17");
  });

  it("masks a spaced IIN the same way", () => {
    expect(maskIin(" 900101 300017")).toBe("90********17");
  });

  it.each(["123", "not an iin at all"])("fully masks %j", (text) => {
    expect(maskIin(text)).toMatch(/^\*+$/);
  });
});

describe("checkApplicantAge (Labour Code art. 31)", () => {
  it.each([
    ["2095-11-30", "2026-11-27", { ok: false, reason: "birthDateInFuture" }],
    ["2026-11-28", "2026-11-27", { ok: false, reason: "birthDateInFuture" }],
    ["2012-11-28", "2026-11-27", { ok: false, reason: "tooYoung" }],
    ["2012-11-27", "2026-11-27", { ok: true, needsParentConsent: true }],
    ["2010-11-28", "2026-11-27", { ok: true, needsParentConsent: true }],
    ["2010-11-27", "2026-11-27", { ok: true, needsParentConsent: false }],
    ["1990-01-01", "2026-11-27", { ok: true, needsParentConsent: false }],
  ])("born %s, applying %s", (birthDate, today, expected) => {
    expect(checkApplicantAge(birthDate, today)).toEqual(expected);
  });
});
