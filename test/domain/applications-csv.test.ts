import { describe, expect, it } from "vitest";
import { applicationsCsv, parseCsv } from "../../src/domain/applications-csv.ts";

const columns = [
  { key: "number", header: "№" },
  { key: "name", header: "Аты-жөні / ФИО" },
  { key: "note", header: "Ескерту, примечание" },
  { key: "days", header: "Күн" },
];

const rows = [
  { number: 1, name: "Әәғқңөұүһі ӘҒҚҢӨҰҮҺІ", note: 'Иванов, Иван "Ваня"', days: 3 },
  { number: 2, name: "Сұлтанбеков Ерлан", note: "line one\r\nline two\nline three", days: -2 },
  { number: 3, name: "", note: null, days: undefined },
  { number: 4, name: "Қайрат", note: "=SUM(A1)", days: 0 },
];

function exported(): Buffer {
  return applicationsCsv(columns, rows);
}

describe("applicationsCsv", () => {
  it("starts with a UTF-8 BOM", () => {
    expect([...exported().subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  it("round-trips Kazakh and Russian text, commas, quotes, newlines and empty values, header row first", () => {
    expect(parseCsv(exported().toString("utf8"))).toEqual([
      ["№", "Аты-жөні / ФИО", "Ескерту, примечание", "Күн"],
      ["1", "Әәғқңөұүһі ӘҒҚҢӨҰҮҺІ", 'Иванов, Иван "Ваня"', "3"],
      ["2", "Сұлтанбеков Ерлан", "line one\r\nline two\nline three", "-2"],
      ["3", "", "", ""],
      ["4", "Қайрат", "'=SUM(A1)", "0"],
    ]);
  });

  it("ends every line with CRLF and quotes by RFC 4180", () => {
    const text = exported().toString("utf8").slice(1);
    expect(text.endsWith("\r\n")).toBe(true);
    expect(text).toContain('1,Әәғқңөұүһі ӘҒҚҢӨҰҮҺІ,"Иванов, Иван ""Ваня""",3\r\n');
    expect(text).toContain("3,,,\r\n");
    expect(text.split("\r\n")[0]).toBe('№,Аты-жөні / ФИО,"Ескерту, примечание",Күн');
  });

  it("guards text that a spreadsheet would run as a formula", () => {
    const dangerous = ["=SUM(A1)", "+7 701", "-1+2", "@cmd", "\tx", "\rx"];
    const csv = applicationsCsv(
      [{ key: "value", header: "value" }],
      dangerous.map((value) => ({ value })),
    );
    const values = parseCsv(csv.toString("utf8"))
      .slice(1)
      .map((record) => record[0]);
    expect(values).toEqual(dangerous.map((value) => `'${value}`));
  });

  it("keeps negative numbers given as numbers and drops non-finite ones", () => {
    const csv = applicationsCsv(
      [{ key: "value", header: "value" }],
      [{ value: -15 }, { value: -0.5 }, { value: Number.NaN }, { value: "safe - text" }],
    );
    expect(csv.toString("utf8")).toBe("\uFEFFvalue\r\n-15\r\n-0.5\r\n\r\nsafe - text\r\n");
  });

  it("writes only the header row when there are no rows", () => {
    expect(applicationsCsv(columns, []).toString("utf8")).toBe('\uFEFF№,Аты-жөні / ФИО,"Ескерту, примечание",Күн\r\n');
  });
});

describe("parseCsv", () => {
  it("reads quoted fields, doubled quotes and every kind of line end", () => {
    expect(parseCsv('a,"b,c","d""e"\r\n"f\ng",,h\ni\rj')).toEqual([
      ["a", "b,c", 'd"e'],
      ["f\ng", "", "h"],
      ["i"],
      ["j"],
    ]);
  });

  it("ignores a leading BOM and a final line end", () => {
    expect(parseCsv("\uFEFFa,b\r\n")).toEqual([["a", "b"]]);
  });

  it("keeps empty fields at the end of a record and empty quoted fields", () => {
    expect(parseCsv('a,\r\n""\r\n,""')).toEqual([["a", ""], [""], ["", ""]]);
  });

  it("reads empty text as no records", () => {
    expect(parseCsv("")).toEqual([]);
    expect(parseCsv("\uFEFF")).toEqual([]);
  });

  it("rejects broken quoting", () => {
    expect(() => parseCsv('"open')).toThrow(SyntaxError);
    expect(() => parseCsv('"a"b')).toThrow(SyntaxError);
    expect(() => parseCsv('a"b')).toThrow(SyntaxError);
  });
});
