// Every parser of a typed answer, table-driven: what a person may type, and
// the locale key (with its values) of what is wrong with it.
import { describe, expect, it } from "vitest";
import {
  normalizePhone,
  parseGraduationYear,
  parseIinAnswer,
  parseMonthYear,
  parseName,
  parseSalary,
  parseShortText,
} from "../../src/bot/registration/parsers.ts";
import { validIin } from "../support/iins.ts";

const today = { year: 2026, month: 12 };
const ok = <T>(value: T) => ({ ok: true, value });
const fail = (error: string, values?: Record<string, string | number>) => ({ ok: false, error, values });

describe("parseName", () => {
  it.each([
    ["Иванов", ok("Иванов")],
    ["  Сейітқали  ", ok("Сейітқали")],
    ["O'Brien", ok("O'Brien")],
    ["Қожа-Ахмет", ok("Қожа-Ахмет")],
    ["Анна  Мария", ok("Анна Мария")],
    ["Ivan3", fail("registration.errors.nameLetters")],
    ["--", fail("registration.errors.nameLetters")],
    ["", fail("registration.errors.nameLetters")],
    ["Иван--Петров", fail("registration.errors.nameLetters")],
    ["А".repeat(51), fail("registration.errors.nameTooLong", { max: 50 })],
  ])("%j", (text, expected) => {
    expect(parseName(text)).toEqual(expected);
  });
});

describe("parseIinAnswer", () => {
  const iin = validIin(1);
  it.each([
    [iin, ok(iin)],
    [`${iin.slice(0, 4)} ${iin.slice(4, 8)} ${iin.slice(8)}`, ok(iin)],
    ["12345", fail("registration.iin.invalid.format")],
    ["abcdefghijkl", fail("registration.iin.invalid.format")],
    ["901340300017", fail("registration.iin.invalid.date")],
    [`${iin.slice(0, 11)}${(Number(iin[11]) + 1) % 10}`, fail("registration.iin.invalid.checksum")],
  ])("%j", (text, expected) => {
    expect(parseIinAnswer(text)).toEqual(expected);
  });
});

describe("parseShortText", () => {
  it.each([
    ["ТОО «Алма»", undefined, undefined, ok("ТОО «Алма»")],
    ["  Бухгалтер  ", undefined, undefined, ok("Бухгалтер")],
    ["   ", undefined, undefined, fail("registration.errors.empty")],
    ["коротко", 200, 10, fail("registration.errors.tooShort", { min: 10 })],
    ["x".repeat(201), undefined, undefined, fail("registration.errors.tooLong", { max: 200 })],
    ["abc", 2, undefined, fail("registration.errors.tooLong", { max: 2 })],
    ["a\u0007b", undefined, undefined, fail("registration.errors.badCharacters")],
    ["👍👍", undefined, undefined, fail("registration.errors.noLetters")],
    ["...", undefined, undefined, fail("registration.errors.noLetters")],
    ["42", undefined, undefined, ok("42")],
  ])("%j (max %s, min %s)", (text, max, min, expected) => {
    expect(parseShortText(text, max, min)).toEqual(expected);
  });
});

describe("parseMonthYear", () => {
  it.each([
    ["09.2015", ok({ month: 9, year: 2015 })],
    ["9.2015", ok({ month: 9, year: 2015 })],
    ["09/2015", ok({ month: 9, year: 2015 })],
    [" 09 - 2015 ", ok({ month: 9, year: 2015 })],
    ["12.2026", ok({ month: 12, year: 2026 })],
    ["01.2027", fail("registration.errors.monthYearFuture")],
    ["13.2015", fail("registration.errors.monthYearFormat")],
    ["00.2015", fail("registration.errors.monthYearFormat")],
    ["09.1939", fail("registration.errors.monthYearFormat")],
    ["2015", fail("registration.errors.monthYearFormat")],
    ["сентябрь 2015", fail("registration.errors.monthYearFormat")],
  ])("%j", (text, expected) => {
    expect(parseMonthYear(text, today)).toEqual(expected);
  });
});

describe("parseGraduationYear", () => {
  const yearError = fail("registration.errors.year", { max: 2032 });
  it.each([
    ["2010", ok(2010)],
    [" 1940 ", ok(1940)],
    ["2032", ok(2032)],
    ["2033", yearError],
    ["1939", yearError],
    ["10", yearError],
    ["двадцать", yearError],
  ])("%j", (text, expected) => {
    expect(parseGraduationYear(text, today)).toEqual(expected);
  });
});

describe("parseSalary", () => {
  const salaryError = fail("registration.errors.salary", { min: 10_000, max: 100_000_000 });
  it.each([
    ["450000", ok(450_000)],
    ["450 000", ok(450_000)],
    ["450\u00A0000 ₸", ok(450_000)],
    ["450000 тг", ok(450_000)],
    ["450000 тенге", ok(450_000)],
    ["450000 теңге", ok(450_000)],
    ["450000 KZT", ok(450_000)],
    ["450,000", ok(450_000)],
    ["450.000", ok(450_000)],
    ["1 250 000", ok(1_250_000)],
    ["350 мың", ok(350_000)],
    ["350 мың теңге", ok(350_000)],
    ["350 тыс.", ok(350_000)],
    ["350 тысяч тенге", ok(350_000)],
    ["350к", ok(350_000)],
    ["350k", ok(350_000)],
    ["350 thousand", ok(350_000)],
    ["1,5 млн", ok(1_500_000)],
    ["1.2 million", ok(1_200_000)],
    ["10000", ok(10_000)],
    ["100000000", ok(100_000_000)],
    ["9999", salaryError],
    ["350", salaryError],
    ["1000,50", salaryError],
    ["45,00", salaryError],
    ["350 мың 500", salaryError],
    ["100000001", salaryError],
    ["0", salaryError],
    ["-5", salaryError],
    ["много", salaryError],
    ["", salaryError],
  ])("%j", (text, expected) => {
    expect(parseSalary(text)).toEqual(expected);
  });
});

describe("normalizePhone", () => {
  it.each([
    ["77011234567", "+77011234567"],
    ["+7 701 123 45 67", "+77011234567"],
    ["87011234567", "+77011234567"],
    ["8 (701) 123-45-67", "+77011234567"],
    ["7011234567", undefined],
    ["+380501234567", undefined],
    ["", undefined],
  ])("%j", (raw, expected) => {
    expect(normalizePhone(raw)).toBe(expected);
  });
});
