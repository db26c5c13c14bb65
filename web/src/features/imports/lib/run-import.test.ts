import { describe, expect, it, vi } from "vitest";
import { ApiError } from "@/lib/api";
import type { NewShardItem } from "./coerce";
import type { Batch, SourceRecord } from "./records";
import { fieldOfItemPointer, problemsCsv, runImport, type ItemResult } from "./run-import";

function batchesOf(records: SourceRecord[], perBatch: number, problems: Batch["problems"] = []): AsyncIterable<Batch> {
  return {
    async *[Symbol.asyncIterator]() {
      for (let i = 0; i < records.length; i += perBatch) {
        yield { records: records.slice(i, i + perBatch), problems: i === 0 ? problems : [], columns: ["name"], bytesRead: i + perBatch };
      }
    },
  };
}

const rows = (count: number): SourceRecord[] => Array.from({ length: count }, (_, index) => ({ row: index + 2, values: { name: `n${index}` } }));

const toItem = (record: SourceRecord) =>
  record.values.name === "bad-cell"
    ? { problems: [{ row: record.row, field: "amount", message: "not a number" }] }
    : { item: { shardType: "c_account", structuredData: { name: record.values.name }, source: "import" as const } };

/** A bulk endpoint that refuses items whose name is empty, as the server does for a missing required field. */
function server() {
  const chunks: NewShardItem[][] = [];
  const send = vi.fn(async (items: NewShardItem[]): Promise<ItemResult[]> => {
    chunks.push(items);
    return items.map((item, index) =>
      item.structuredData.name === ""
        ? {
            index,
            status: 422,
            error: { title: "Unprocessable", detail: "invalid", errors: [{ pointer: `/items/${index}/structuredData/name`, message: "must have at least 1 characters" }] },
          }
        : { index, status: 201, id: `id-${index}` },
    );
  });
  return { chunks, send };
}

describe("the chunked import", () => {
  it("sends the rows in chunks and counts what was created", async () => {
    const { chunks, send } = server();
    const progress = vi.fn();
    const summary = await runImport({ batches: batchesOf(rows(1000), 300), toItem, send, chunkSize: 250, onProgress: progress });
    expect(chunks.map((chunk) => chunk.length)).toEqual([250, 250, 250, 250]);
    expect(summary).toMatchObject({ rowsRead: 1000, created: 1000, failed: 0, problems: [], cancelled: false });
    expect(progress).toHaveBeenLastCalledWith(expect.objectContaining({ created: 1000, rowsRead: 1000 }));
  });

  it("collects the rows the browser and the server refused, with their row numbers and fields", async () => {
    const { send } = server();
    const records = rows(10);
    records[3] = { row: 5, values: { name: "" } };
    records[6] = { row: 8, values: { name: "bad-cell" } };
    const summary = await runImport({
      batches: batchesOf(records, 4, [{ row: 12, message: "not a JSON object" }]),
      toItem,
      send,
      chunkSize: 3,
    });
    expect(summary.created).toBe(8);
    expect(summary.failed).toBe(3);
    expect(summary.rowsRead).toBe(11);
    expect(summary.problems).toEqual(
      expect.arrayContaining([
        { row: 5, field: "name", message: "must have at least 1 characters" },
        { row: 8, field: "amount", message: "not a number" },
        { row: 12, field: "", message: "not a JSON object" },
      ]),
    );
  });

  it("reports every row of a chunk whose request failed, and goes on with the next chunk", async () => {
    let call = 0;
    const send = vi.fn(async (items: NewShardItem[]) => {
      call++;
      if (call === 1) throw new ApiError(413, { detail: "Too large" });
      return items.map((_, index) => ({ index, status: 201 }));
    });
    const summary = await runImport({ batches: batchesOf(rows(4), 4), toItem, send, chunkSize: 2, describe: (error) => (error as Error).message });
    expect(summary).toMatchObject({ created: 2, failed: 2 });
    expect(summary.problems).toEqual([
      { row: 2, field: "", message: "Too large" },
      { row: 3, field: "", message: "Too large" },
    ]);
  });

  it("stops at cancel and keeps what was sent", async () => {
    const controller = new AbortController();
    const send = vi.fn(async (items: NewShardItem[]) => {
      controller.abort();
      return items.map((_, index) => ({ index, status: 201 }));
    });
    const summary = await runImport({ batches: batchesOf(rows(100), 10), toItem, send, chunkSize: 10, signal: controller.signal });
    expect(send).toHaveBeenCalledTimes(1);
    expect(summary).toMatchObject({ created: 10, failed: 0, cancelled: true });
  });

  it("imports what was read when the file cannot be read to its end, and says so", async () => {
    const { send } = server();
    const batches: AsyncIterable<Batch> = {
      async *[Symbol.asyncIterator]() {
        yield { records: rows(3), problems: [], columns: ["name"], bytesRead: 10 };
        throw new Error("disk gone");
      },
    };
    const summary = await runImport({ batches, toItem, send, chunkSize: 10 });
    expect(summary).toMatchObject({ created: 3, failed: 0 });
    expect(summary.problems).toEqual([{ row: 0, field: "", message: "The file could not be read: disk gone" }]);
  });

  it("keeps a bounded number of problems", async () => {
    const send = vi.fn(async (items: NewShardItem[]) => items.map((_, index) => ({ index, status: 400, error: { detail: "no" } })));
    const summary = await runImport({ batches: batchesOf(rows(30), 30), toItem, send, maxProblems: 5 });
    expect(summary.failed).toBe(30);
    expect(summary.problems).toHaveLength(5);
    expect(summary.problemsTruncated).toBe(true);
  });
});

describe("the error report", () => {
  it("names the field of an item's pointer", () => {
    expect(fieldOfItemPointer("/items/12/structuredData/amount")).toBe("amount");
    expect(fieldOfItemPointer("/items/0/shardType")).toBe("shardType");
    expect(fieldOfItemPointer(undefined)).toBe("");
  });

  it("is CSV with quoted messages", () => {
    expect(problemsCsv([{ row: 5, field: "name", message: 'must be "set", now' }], ["Row", "Field", "Problem"])).toBe(
      'Row,Field,Problem\r\n5,name,"must be ""set"", now"\r\n',
    );
  });
});
