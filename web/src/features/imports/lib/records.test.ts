import { describe, expect, it } from "vitest";
import { formatOf, readRecords, type Batch } from "./records";

/** A file of these bytes (jsdom's Blob has no arrayBuffer(), which browsers and workers have). */
function fileOf(content: string): Blob {
  const bytes = new TextEncoder().encode(content);
  return {
    size: bytes.length,
    slice: (start: number, end: number) => ({ arrayBuffer: async () => bytes.slice(start, end).buffer }),
  } as unknown as Blob;
}

async function all(batches: AsyncIterable<Batch>) {
  const records = [];
  const problems = [];
  let columns: string[] = [];
  for await (const batch of batches) {
    records.push(...batch.records);
    problems.push(...batch.problems);
    columns = batch.columns;
  }
  return { records, problems, columns };
}

describe("reading a file in slices", () => {
  it("reads CSV records with row numbers, the header being row 1, across slices that cut characters", async () => {
    const text = "\uFEFFnom;montant\r\n\"Société, générale\";1 234,5\r\nÉcole;\"multi\r\nline\"\r\n";
    const file = fileOf(text);
    const { records, columns } = await all(readRecords(file, { format: "csv", sliceBytes: 3 }));
    expect(columns).toEqual(["nom", "montant"]);
    expect(records).toEqual([
      { row: 2, values: { nom: "Société, générale", montant: "1 234,5" } },
      { row: 3, values: { nom: "École", montant: "multi\r\nline" } },
    ]);
  });

  it("reads JSON Lines, reporting lines that are not objects", async () => {
    const file = fileOf('{"name":"Acme","employees":12}\n\n[1,2]\n{"name":"Globex","country":"US"}\nnot json');
    const { records, problems, columns } = await all(readRecords(file, { format: "jsonl", sliceBytes: 8 }));
    expect(columns).toEqual(["name", "employees", "country"]);
    expect(records).toEqual([
      { row: 1, values: { name: "Acme", employees: 12 } },
      { row: 4, values: { name: "Globex", country: "US" } },
    ]);
    expect(problems.map((problem) => problem.row)).toEqual([3, 5]);
  });

  it("knows the format from the file name", () => {
    expect(formatOf({ name: "a.CSV" })).toBe("csv");
    expect(formatOf({ name: "a.jsonl" })).toBe("jsonl");
    expect(formatOf({ name: "a.xlsx" })).toBe("xlsx");
    expect(formatOf({ name: "a.pdf" })).toBeUndefined();
  });
});
