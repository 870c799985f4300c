// Turn a person's typed answer into a value the domain accepts, or into the
// locale key of what is wrong with it.
import { z } from "zod";
import { controlCharacters, limits, namePartSchema, type YearMonth } from "../../domain/application.ts";
import type { IsoDate } from "../../domain/dates.ts";
import { checkApplicantAge, MINIMUM_AGE, parseIin } from "../../domain/iin.ts";
import type { Parsed } from "./asker.ts";

const fail = (error: string, values?: Record<string, string | number>): Parsed<never> => ({ ok: false, error, values });

export function parseName(text: string): Parsed<string> {
  const trimmed = text.trim().replace(/\s+/g, " ");
  if (trimmed.length > limits.namePart) return fail("registration.errors.nameTooLong", { max: limits.namePart });
  const parsed = namePartSchema.safeParse(trimmed);
  return parsed.success ? { ok: true, value: parsed.data } : fail("registration.errors.nameLetters");
}

export function parseIinAnswer(text: string): Parsed<string> {
  const parsed = parseIin(text);
  if (parsed.ok) return { ok: true, value: parsed.iin };
  return fail(`registration.iin.invalid.${parsed.reason}`);
}

/** The applicant's own IIN: valid, and its holder old enough to apply today. */
export function parseApplicantIin(text: string, today: IsoDate): Parsed<string> {
  const parsed = parseIin(text);
  if (!parsed.ok) return fail(`registration.iin.invalid.${parsed.reason}`);
  const age = checkApplicantAge(parsed.birthDate, today);
  if (!age.ok) return fail(`registration.iin.invalid.${age.reason}`, { minimumAge: MINIMUM_AGE });
  return { ok: true, value: parsed.iin };
}

export function parseShortText(text: string, max: number = limits.shortText, min = 1): Parsed<string> {
  const trimmed = text.trim();
  if (trimmed === "") return fail("registration.errors.empty");
  if (trimmed.length < min) return fail("registration.errors.tooShort", { min });
  if (trimmed.length > max) return fail("registration.errors.tooLong", { max });
  if (controlCharacters.test(trimmed)) return fail("registration.errors.badCharacters");
  // An answer must say something: emoji or punctuation alone do not.
  if (!/[\p{L}\p{N}]/u.test(trimmed)) return fail("registration.errors.noLetters");
  return { ok: true, value: trimmed };
}

/** "09.2015", "9.2015", "09/2015", "09-2015"; not in the future. */
export function parseMonthYear(text: string, today: YearMonth): Parsed<YearMonth> {
  const match = /^\s*(\d{1,2})\s*[./-]\s*(\d{4})\s*$/.exec(text);
  if (!match) return fail("registration.errors.monthYearFormat");
  const month = Number(match[1]);
  const year = Number(match[2]);
  if (month < 1 || month > 12 || year < 1940) return fail("registration.errors.monthYearFormat");
  if (year * 12 + month > today.year * 12 + today.month) return fail("registration.errors.monthYearFuture");
  return { ok: true, value: { month, year } };
}

export function parseGraduationYear(text: string, today: YearMonth): Parsed<number> {
  const match = /^\s*(\d{4})\s*$/.exec(text);
  const year = match ? Number(match[1]) : NaN;
  if (!(year >= 1940 && year <= today.year + 6)) return fail("registration.errors.year", { max: today.year + 6 });
  return { ok: true, value: year };
}

const salarySchema = z.number().int().min(limits.minSalary).max(limits.maxSalary);

const currency = /₸|тг\.?|тенге|теңге|tenge|\bkzt\b/giu;
// Digits grouped by threes with a space, a comma, a dot or an apostrophe: "450 000", "450,000", "450.000".
const grouped = /^\d{1,3}(?:[\s\u00A0\u202F,.'’]\d{3})+$/u;
// With a word for thousands or millions a decimal part is fine: "1,5 млн", "350 мың".
const scaled = /^(\d+(?:[.,]\d{1,3})?)\s*(тыс\.?|тысяч[аи]?|мың|к|k|thousand|млн\.?|миллион(?:а|ов)?|million|m)$/iu;
const thousands = /^(тыс|тысяч|мың|к|k|thousand)/iu;

/** "450000", "450 000 ₸", "450,000", "350 мың", "350 тыс.", "350k", "1,5 млн". */
export function parseSalary(text: string): Parsed<number> {
  const cleaned = text.replace(currency, " ").trim();
  const amount = salaryAmount(cleaned);
  const parsed = salarySchema.safeParse(amount);
  return parsed.success
    ? { ok: true, value: parsed.data }
    : fail("registration.errors.salary", { min: limits.minSalary, max: limits.maxSalary });
}

function salaryAmount(text: string): number {
  if (/^\d+$/.test(text)) return Number(text);
  if (grouped.test(text)) return Number(text.replace(/\D/g, ""));
  const match = scaled.exec(text);
  if (!match) return Number.NaN;
  const multiplier = thousands.test(match[2]!) ? 1_000 : 1_000_000;
  return Math.round(Number(match[1]!.replace(",", ".")) * multiplier);
}

/** Telegram sends numbers with or without "+"; Kazakhstan numbers are +7 and 10 digits. */
export function normalizePhone(raw: string): string | undefined {
  const digits = raw.replace(/\D/g, "");
  if (digits.length === 11 && digits.startsWith("7")) return `+${digits}`;
  if (digits.length === 11 && digits.startsWith("8")) return `+7${digits.slice(1)}`;
  return undefined;
}

/** A shared contact: only the person's own (Telegram fills user_id for the sender's own), and only a Kazakhstan number. */
export function parseOwnContact(contact: { user_id?: number; phone_number: string }, fromId: number): Parsed<string> {
  if (contact.user_id !== fromId) return fail("registration.phone.notOwn");
  const phone = normalizePhone(contact.phone_number);
  return phone ? { ok: true, value: phone } : fail("registration.phone.notKazakhstan");
}
