import { describe, expect, it } from "vitest";
import { coerce, parseBoolean, parseDate, parseDateTime, parseNumber, toItem } from "./coerce";
import { fieldsOf } from "./mapping";

describe("numbers", () => {
  it.each([
    ["42", 42],
    ["-3.5", -3.5],
    ["1,234", 1234],
    ["1,234,567.89", 1234567.89],
    ["1.234.567,89", 1234567.89],
    ["1 234,5", 1234.5],
    ["1\u00a0234", 1234],
    ["1'234.50", 1234.5],
    ["3,5", 3.5],
    ["1.234.567", 1234567],
    ["12%", 12],
    ["1e3", 1000],
  ])("reads %s as %d", (text, number) => {
    expect(parseNumber(text)).toBe(number);
  });

  it.each(["abc", "1.2.3", "12,34,567", "", "1-2"])("refuses %s", (text) => {
    expect(parseNumber(text)).toBeUndefined();
  });
});

describe("booleans and dates", () => {
  it("reads yes/no words", () => {
    expect(["TRUE", "yes", "Y", "1", "on"].map(parseBoolean)).toEqual([true, true, true, true, true]);
    expect(["false", "No", "0", "off"].map(parseBoolean)).toEqual([false, false, false, false]);
    expect(parseBoolean("maybe")).toBeUndefined();
  });

  it("reads ISO, day-first and month-first dates, and refuses impossible ones", () => {
    expect(parseDate("2026-03-01")).toBe("2026-03-01");
    expect(parseDate("2026/3/1")).toBe("2026-03-01");
    expect(parseDate("2026-03-01T10:00:00Z")).toBe("2026-03-01");
    expect(parseDate("01.03.2026")).toBe("2026-03-01");
    expect(parseDate("03/01/2026")).toBe("2026-03-01");
    expect(parseDate("25/12/2026")).toBe("2026-12-25");
    expect(parseDate("1/2/26")).toBe("2026-01-02");
    expect(parseDate("2026-02-30")).toBeUndefined();
    expect(parseDate("next week")).toBeUndefined();
  });

  it("reads date-times as instants", () => {
    expect(parseDateTime("2026-03-01")).toBe("2026-03-01T00:00:00Z");
    expect(parseDateTime("2026-03-01 10:30:00Z")).toBe("2026-03-01T10:30:00.000Z");
    expect(parseDateTime("yesterday")).toBeUndefined();
  });
});

describe("coercion to a field", () => {
  it("leaves empty cells out and converts the others by kind", () => {
    expect(coerce("  ", "number")).toEqual({ empty: true });
    expect(coerce(null, "string")).toEqual({ empty: true });
    expect(coerce("1,500", "integer")).toEqual({ value: 1500 });
    expect(coerce(12, "number")).toEqual({ value: 12 });
    expect(coerce(7, "string")).toEqual({ value: "7" });
    expect(coerce("a; b ;c", "array")).toEqual({ value: ["a", "b", "c"] });
    expect(coerce('["x","y"]', "array")).toEqual({ value: ["x", "y"] });
    expect(coerce('{"a":1}', "object")).toEqual({ value: { a: 1 } });
    expect(coerce(" free ", "any")).toEqual({ value: "free" });
  });

  it("explains what does not fit", () => {
    expect(coerce("abc", "number")).toEqual({ error: '"abc" is not a number.' });
    expect(coerce("1.5", "integer")).toEqual({ error: '"1.5" is not a whole number.' });
    expect(coerce("maybe", "boolean")).toEqual({ error: '"maybe" is not yes or no.' });
    expect(coerce("soon", "date")).toEqual({ error: '"soon" is not a date.' });
  });
});

describe("a record as a bulk item", () => {
  const fields = new Map(
    fieldsOf({ required: ["name"], properties: { name: { type: "string" }, employees: { type: "integer" }, active: { type: "boolean" } } }).map((field) => [field.name, field]),
  );
  const mapping = { Company: "field:name", Staff: "field:employees", Active: "field:active", Notes: "text", Labels: "tags", Other: "" } as const;

  it("maps and converts the cells, the text and the tags", () => {
    const result = toItem(
      { row: 2, values: { Company: "Acme", Staff: "1,200", Active: "yes", Notes: "Big client", Labels: "key; emea", Other: "ignored" } },
      "c_account",
      mapping,
      fields,
    );
    expect(result).toEqual({
      item: {
        shardType: "c_account",
        structuredData: { name: "Acme", employees: 1200, active: true },
        unstructuredData: { text: "Big client" },
        metadata: { tags: ["key", "emea"] },
        source: "import",
      },
    });
  });

  it("reports every cell that does not fit, with its row and field", () => {
    expect(toItem({ row: 7, values: { Company: "Acme", Staff: "many", Active: "perhaps" } }, "c_account", mapping, fields)).toEqual({
      problems: [
        { row: 7, field: "employees", message: '"many" is not a number.' },
        { row: 7, field: "active", message: '"perhaps" is not yes or no.' },
      ],
    });
  });
});
