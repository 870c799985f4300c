// Individual identification number (IIN, ЖСН/ИИН) of Kazakhstan: 12 digits,
// YYMMDD birth date, a century-and-sex digit, a 4-digit serial number and a
// check digit (Law "On national registers of identification numbers" of
// 12 January 2007 No. 223 and the rules for forming IINs made under it).
import { addMonths, compareIsoDates, formatIsoDate, type IsoDate, isIsoDate } from "./dates.ts";

export type Sex = "male" | "female";

export type ParsedIin = { ok: true; iin: string; birthDate: IsoDate; sex: Sex };

export type IinErrorReason = "format" | "date" | "checksum";

export type IinError = { ok: false; reason: IinErrorReason };

export type IinParseResult = ParsedIin | IinError;

// People copy IINs from documents and egov.kz, which group digits with
// ordinary or non-breaking spaces.
const digitSeparators = /[ \u00A0\u202F]/g;
const twelveDigits = /^\d{12}$/;

// The 7th digit: odd for men, even for women; 1-2 born in the 1800s,
// 3-4 in the 1900s, 5-6 in the 2000s.
const centuryDigits: Record<string, { century: number; sex: Sex }> = {
  "1": { century: 1800, sex: "male" },
  "2": { century: 1800, sex: "female" },
  "3": { century: 1900, sex: "male" },
  "4": { century: 1900, sex: "female" },
  "5": { century: 2000, sex: "male" },
  "6": { century: 2000, sex: "female" },
};

const firstPassWeights = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
const secondPassWeights = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2];

function weightedSumMod11(digits: readonly number[], weights: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < weights.length; i++) sum += (digits[i] ?? 0) * (weights[i] ?? 0);
  return sum % 11;
}

/**
 * The check digit for the first 11 digits, or null when both passes give 10:
 * such numbers are never issued, so an IIN built on them is invalid.
 */
export function iinCheckDigit(first11: string): number | null {
  const digits = [...first11].map(Number);
  const first = weightedSumMod11(digits, firstPassWeights);
  if (first !== 10) return first;
  const second = weightedSumMod11(digits, secondPassWeights);
  if (second !== 10) return second;
  return null;
}

function compact(text: string): string {
  return text.trim().replace(digitSeparators, "");
}

function birthDateOf(iin: string, century: number): IsoDate | null {
  const date = formatIsoDate({
    year: century + Number(iin.slice(0, 2)),
    month: Number(iin.slice(2, 4)),
    day: Number(iin.slice(4, 6)),
  });
  return isIsoDate(date) ? date : null;
}

/**
 * Validates an IIN typed by a person. The date is checked before the check
 * digit so that a mistyped birth date is reported as such.
 */
export function parseIin(text: string): IinParseResult {
  const iin = compact(text);
  if (!twelveDigits.test(iin)) return { ok: false, reason: "format" };

  const centuryAndSex = centuryDigits[iin.charAt(6)];
  if (!centuryAndSex) return { ok: false, reason: "date" };
  const birthDate = birthDateOf(iin, centuryAndSex.century);
  if (!birthDate) return { ok: false, reason: "date" };

  const check = iinCheckDigit(iin.slice(0, 11));
  if (check === null || check !== Number(iin.charAt(11))) return { ok: false, reason: "checksum" };

  return { ok: true, iin, birthDate, sex: centuryAndSex.sex };
}

/** The holder's sex as the IIN records it; undefined for a missing or invalid IIN. */
export function sexOfIin(iin: string | null | undefined): Sex | undefined {
  if (!iin) return undefined;
  const parsed = parseIin(iin);
  return parsed.ok ? parsed.sex : undefined;
}

// Labour Code of the Republic of Kazakhstan, art. 31: a person of 16 may
// conclude an employment contract; from 14, with the written consent of a
// parent (guardian), for light work outside school hours. Younger people
// cannot be job seekers.
export const MINIMUM_AGE = 14;
export const AGE_WITHOUT_PARENT_CONSENT = 16;

export type AgeCheck =
  | { ok: true; needsParentConsent: boolean }
  | { ok: false; reason: "birthDateInFuture" | "tooYoung" };

/** Whether the holder of an IIN born on `birthDate` may apply on `today` (both Almaty dates). */
export function checkApplicantAge(birthDate: IsoDate, today: IsoDate): AgeCheck {
  if (compareIsoDates(birthDate, today) > 0) return { ok: false, reason: "birthDateInFuture" };
  const turns = (years: number) => addMonths(birthDate, 12 * years);
  if (compareIsoDates(turns(MINIMUM_AGE), today) > 0) return { ok: false, reason: "tooYoung" };
  return { ok: true, needsParentConsent: compareIsoDates(turns(AGE_WITHOUT_PARENT_CONSENT), today) > 0 };
}

/** For logs: keeps the first 2 and last 2 digits ('90********17'); anything that is not an IIN is fully masked. */
export function maskIin(iin: string): string {
  const digits = compact(iin);
  if (!twelveDigits.test(digits)) return "*".repeat(digits.length);
  return digits.slice(0, 2) + "*".repeat(8) + digits.slice(-2);
}
