import { detectDelimiter } from "./csv";
import type { WorkerAnswer } from "./import.worker";
import { readRecords, type Batch, type FileFormat, type SourceRecord } from "./records";
import { readXlsx } from "./xlsx";

export type SourceOptions = {
  format: FileFormat;
  delimiter?: string | undefined;
  /** The name of a column without a header, "{position}" replaced by its position. */
  unnamed: string;
};

/** The worker itself failed (its script did not load or crashed), as opposed to the file being unreadable. */
class WorkerFailure extends Error {}

/** Batches from the parsing worker, one per request (see import.worker.ts); the worker ends with the iteration. */
async function* fromWorker(file: Blob, options: SourceOptions & { format: "csv" | "jsonl" }): AsyncGenerator<Batch> {
  let worker: Worker;
  try {
    worker = new Worker(new URL("./import.worker.ts", import.meta.url), { type: "module" });
  } catch (error) {
    throw new WorkerFailure(error instanceof Error ? error.message : String(error));
  }
  try {
    const ask = () =>
      new Promise<WorkerAnswer>((resolve, reject) => {
        worker.onmessage = (event: MessageEvent<WorkerAnswer>) => resolve(event.data);
        worker.onerror = (event) => {
          event.preventDefault();
          reject(new WorkerFailure(event.message || "the parsing worker failed"));
        };
        worker.postMessage({ type: "next" });
      });
    worker.postMessage({ type: "start", file, options: { format: options.format, delimiter: options.delimiter, unnamed: options.unnamed } });
    for (;;) {
      const answer = await ask();
      if (answer.type === "done") {
        return;
      }
      if (answer.type === "error") {
        throw new Error(answer.message);
      }
      yield answer.batch;
    }
  } finally {
    worker.terminate();
  }
}

/**
 * The records of a file, batch by batch: CSV and JSON Lines parsed in a worker (on the page when
 * workers are unavailable, as in tests), XLSX on the page since workers have no DOMParser.
 */
export function recordsOf(file: Blob, options: SourceOptions, useWorker = typeof Worker !== "undefined"): AsyncGenerator<Batch> {
  if (options.format === "xlsx") {
    return readXlsx(file, options.unnamed);
  }
  const readOptions = { format: options.format, delimiter: options.delimiter, unnamed: options.unnamed };
  return useWorker ? withFallback(file, readOptions) : readRecords(file, readOptions);
}

/** The worker's batches; should the worker not start at all, the same parsing on the page. */
async function* withFallback(file: Blob, options: SourceOptions & { format: "csv" | "jsonl" }): AsyncGenerator<Batch> {
  let started = false;
  try {
    for await (const batch of fromWorker(file, options)) {
      started = true;
      yield batch;
    }
  } catch (error) {
    if (started || !(error instanceof WorkerFailure)) {
      throw error;
    }
    yield* readRecords(file, options);
  }
}

export type Preview = { columns: string[]; records: SourceRecord[]; delimiter: string | undefined };

/** The first rows of a file for the preview and the mapping, read from its start only (XLSX whole). */
export async function previewOf(file: Blob, options: SourceOptions, rows = 10): Promise<Preview> {
  let delimiter = options.delimiter;
  let batches: AsyncGenerator<Batch>;
  if (options.format === "xlsx") {
    batches = readXlsx(file, options.unnamed);
  } else {
    const head = file.slice(0, 256 * 1024);
    if (options.format === "csv" && !delimiter) {
      delimiter = detectDelimiter(await file.slice(0, 64 * 1024).text());
    }
    batches = readRecords(head, { format: options.format, delimiter, unnamed: options.unnamed });
  }
  let columns: string[] = [];
  const records: SourceRecord[] = [];
  for await (const batch of batches) {
    columns = batch.columns;
    records.push(...batch.records);
    if (records.length >= rows) {
      break;
    }
  }
  return { columns, records: records.slice(0, rows), delimiter: options.format === "csv" ? delimiter : undefined };
}
