// CSV export of applications for the operators (downloaded from the desk,
// never posted in the staff group), and a small RFC 4180 parser. The export
// is meant to be opened in Excel, hence the BOM, CRLF and the guard against
// formula injection.
import type { TFunction } from "i18next";
import type { Application } from "./application.ts";
import { applicationStatusText } from "./application-status.ts";
import { formatDate, formatDateTime } from "./format.ts";
import { sexOfIin } from "./iin.ts";

export type CsvColumn = { key: string; header: string };

export type CsvValue = string | number | null | undefined;

export type CsvRow = Record<string, CsvValue>;

// Excel guesses the encoding of a CSV file; without the BOM it reads UTF-8
// Kazakh and Russian text as the local ANSI code page.
const bom = "\uFEFF";
const lineEnd = "\r\n";
const separator = ",";

// Applicants type these fields themselves; Excel would run "=HYPERLINK(...)"
// and the like as a formula on the operator's machine.
const formulaStart = /^[=+\-@\t\r]/;

function cellText(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  return formulaStart.test(value) ? `'${value}` : value;
}

function quoted(field: string): string {
  if (!/[",\r\n]/.test(field)) return field;
  return `"${field.replaceAll('"', '""')}"`;
}

function line(values: CsvValue[]): string {
  return values.map((value) => quoted(cellText(value))).join(separator);
}

export function applicationsCsv(columns: CsvColumn[], rows: CsvRow[]): Buffer {
  const lines = [line(columns.map((column) => column.header))];
  for (const row of rows) lines.push(line(columns.map((column) => row[column.key])));
  return Buffer.from(bom + lines.join(lineEnd) + lineEnd, "utf8");
}

const exportColumns = [
  "number",
  "status",
  "received",
  "due",
  "decided",
  "decidedBy",
  "ground",
  "surname",
  "givenName",
  "patronymic",
  "iin",
  "phone",
  "position",
  "salary",
] as const;

/** The applications of `staffRecords.export` as the file operators download, headed in `t`'s language. */
export function applicationsExportCsv(t: TFunction, applications: Application[]): Buffer {
  const columns = exportColumns.map((key) => ({ key, header: t(`staff.export.column.${key}`) }));
  return applicationsCsv(
    columns,
    applications.map((a) => ({
      number: a.number,
      status: applicationStatusText(t, a.status, sexOfIin(a.form.iin)),
      received: a.submittedAt ? formatDateTime(a.submittedAt) : "",
      due: a.dueDate ? formatDate(a.dueDate) : "",
      decided: a.decidedAt ? formatDateTime(a.decidedAt) : "",
      decidedBy: a.decidedBy?.name,
      ground: a.refusalGround ? t(`refusalGround.${a.refusalGround}`) : "",
      surname: a.form.fullName?.surname,
      givenName: a.form.fullName?.givenName,
      patronymic: a.form.fullName?.patronymic,
      iin: a.form.iin,
      phone: a.form.phone,
      position: a.form.desiredPosition,
      salary: a.form.desiredSalary,
    })),
  );
}

/**
 * Records and fields of RFC 4180 text. Accepts CRLF, LF or CR line ends and a
 * leading BOM; a final line end does not start an empty record. Throws a
 * SyntaxError on a stray or unterminated quote, so that a broken export fails
 * the test that reads it instead of being silently patched up.
 */
export function parseCsv(text: string): string[][] {
  const source = text.startsWith(bom) ? text.slice(bom.length) : text;
  const records: string[][] = [];
  let record: string[] = [];
  let field = "";
  // Whether anything has been read since the last line end; decides if the
  // text after the last line end is a record ("a" or "") or nothing at all.
  let inRecord = false;
  let i = 0;
  while (i < source.length) {
    const char = source[i];
    if (char === "\r" || char === "\n") {
      record.push(field);
      records.push(record);
      record = [];
      field = "";
      inRecord = false;
      i += char === "\r" && source[i + 1] === "\n" ? 2 : 1;
      continue;
    }
    inRecord = true;
    if (char === separator) {
      record.push(field);
      field = "";
      i += 1;
      continue;
    }
    if (char !== '"') {
      field += char;
      i += 1;
      continue;
    }
    if (field !== "") throw new SyntaxError(`Quote inside an unquoted field at offset ${i}`);
    const end = closingQuote(source, i);
    field = source.slice(i + 1, end).replaceAll('""', '"');
    i = end + 1;
    const next = source[i];
    if (next !== undefined && next !== separator && next !== "\r" && next !== "\n") {
      throw new SyntaxError(`Unexpected character after a quoted field at offset ${i}`);
    }
  }
  if (inRecord) {
    record.push(field);
    records.push(record);
  }
  return records;
}

/** Offset of the quote that closes the quoted field opening at start. */
function closingQuote(source: string, start: number): number {
  let i = start + 1;
  while (i < source.length) {
    if (source[i] !== '"') {
      i += 1;
      continue;
    }
    if (source[i + 1] !== '"') return i;
    i += 2;
  }
  throw new SyntaxError(`Unterminated quoted field starting at offset ${start}`);
}
