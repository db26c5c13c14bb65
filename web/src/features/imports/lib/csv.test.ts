import { describe, expect, it } from "vitest";
import { columnNames, CsvParser, detectDelimiter, parseCsv } from "./csv";

describe("the CSV parser", () => {
  it("reads plain records and ignores a trailing line break", () => {
    expect(parseCsv("a,b,c\n1,2,3\n")).toEqual([
      ["a", "b", "c"],
      ["1", "2", "3"],
    ]);
  });

  it("keeps delimiters, doubled quotes and line breaks inside quoted fields", () => {
    expect(parseCsv('name,notes\n"Acme, Inc.","He said ""hi""\nthen left"\n')).toEqual([
      ["name", "notes"],
      ["Acme, Inc.", 'He said "hi"\nthen left'],
    ]);
  });

  it("keeps empty fields, quoted empty fields and a last record without a line break", () => {
    expect(parseCsv('a,,""\n,x,')).toEqual([
      ["a", "", ""],
      ["", "x", ""],
    ]);
  });

  it("accepts CRLF, LF and CR line ends, and skips blank lines", () => {
    expect(parseCsv("a\r\nb\n\nc\rd\r\n\r\n")).toEqual([["a"], ["b"], ["c"], ["d"]]);
  });

  it("drops a byte order mark", () => {
    expect(parseCsv("\uFEFFname\nAcme")).toEqual([["name"], ["Acme"]]);
  });

  it("gives the same records whichever way the text is cut into pieces", () => {
    const text = '\uFEFFid;text\r\n1;"semi;colon\r\nand ""quotes"""\r\n2;plain\r\n';
    const whole = parseCsv(text, ";");
    for (let size = 1; size <= 7; size++) {
      const parser = new CsvParser(";");
      const records: string[][] = [];
      for (let i = 0; i < text.length; i += size) records.push(...parser.push(text.slice(i, i + size)));
      records.push(...parser.end());
      expect(records).toEqual(whole);
    }
    expect(whole).toEqual([
      ["id", "text"],
      ["1", 'semi;colon\r\nand "quotes"'],
      ["2", "plain"],
    ]);
  });

  it("keeps a stray quote inside an unquoted field as a character", () => {
    expect(parseCsv('5" screen,x')).toEqual([['5" screen', "x"]]);
  });
});

describe("delimiter detection", () => {
  it("finds comma, semicolon, tab and pipe", () => {
    expect(detectDelimiter("a,b,c\n1,2,3\n")).toBe(",");
    expect(detectDelimiter("name;amount\nAcme;1,5\nGlobex;2,25\n")).toBe(";");
    expect(detectDelimiter("a\tb\n1\t2\n")).toBe("\t");
    expect(detectDelimiter("a|b|c\n1|2|3\n")).toBe("|");
  });

  it("is not fooled by delimiters inside quotes", () => {
    expect(detectDelimiter('name;note\n"a, b, c";x\n"d, e";y\n')).toBe(";");
  });

  it("says comma for a one-column file", () => {
    expect(detectDelimiter("name\nAcme\n")).toBe(",");
  });
});

describe("column names", () => {
  it("names blank headers by position and numbers repeated ones", () => {
    expect(columnNames([" name ", "", "name", "x"], (position) => `Column ${position}`)).toEqual(["name", "Column 2", "name (2)", "x"]);
  });
});
