import { fieldOfPointer } from "@/lib/api";
import { t } from "@/lib/i18n";
import type { NewShardItem, RowProblem } from "./coerce";
import type { Batch, SourceRecord } from "./records";

/** The outcome of one bulk item, as `POST /shards/bulk` reports it. */
export type ItemResult = {
  index?: number;
  status?: number;
  id?: string;
  error?: { title?: string; detail?: string; errors?: { pointer?: string; message?: string }[] };
};

/** Sends one chunk of items; answers one result per item, in order. A thrown error fails the whole chunk. */
export type SendChunk = (items: NewShardItem[], chunkNumber: number) => Promise<ItemResult[]>;

export type ImportProgress = {
  rowsRead: number;
  created: number;
  failed: number;
  bytesRead: number;
};

export type ImportSummary = ImportProgress & {
  /** The first problems, row by row (bounded: a broken file must not fill the memory). */
  problems: RowProblem[];
  /** More problems were found than kept. */
  problemsTruncated: boolean;
  cancelled: boolean;
};

export type RunOptions = {
  batches: AsyncIterable<Batch>;
  toItem: (record: SourceRecord) => { item: NewShardItem } | { problems: RowProblem[] };
  send: SendChunk;
  chunkSize?: number;
  maxProblems?: number;
  signal?: AbortSignal;
  onProgress?: (progress: ImportProgress) => void;
  /** A failed chunk's message (the whole request failed: network, 413, 403...). */
  describe?: (error: unknown) => string;
};

/** "/items/3/structuredData/amount" → "amount"; "/items/3/shardType" → "shardType". */
export function fieldOfItemPointer(pointer: string | undefined): string {
  const field = fieldOfPointer(pointer?.replace(/^\/items\/\d+/, "")) ?? "";
  return field.replace(/^structuredData\./, "");
}

/** Problems of one failed bulk item: one per field error, or the item's detail when it names no field. */
export function problemsOfResult(row: number, result: ItemResult): RowProblem[] {
  const errors = result.error?.errors ?? [];
  if (errors.length > 0) {
    return errors.map((error) => ({ row, field: fieldOfItemPointer(error.pointer), message: error.message ?? "" }));
  }
  const message = result.error?.detail ?? result.error?.title ?? t("imports.error.status", { status: result.status ?? 0 });
  return [{ row, field: "", message }];
}

/**
 * Imports the records of `batches` with bulk requests of `chunkSize` items, one at a time so the
 * server is not flooded and cancelling is prompt; every row that fails (in the browser, because a
 * cell does not fit its field, or on the server, per item) is reported with its row number. Aborting
 * stops before the next request: what was sent stays created.
 */
export async function runImport(options: RunOptions): Promise<ImportSummary> {
  const chunkSize = options.chunkSize ?? 250;
  const maxProblems = options.maxProblems ?? 10_000;
  const summary: ImportSummary = { rowsRead: 0, created: 0, failed: 0, bytesRead: 0, problems: [], problemsTruncated: false, cancelled: false };
  const report = (problems: RowProblem[]) => {
    for (const problem of problems) {
      if (summary.problems.length < maxProblems) {
        summary.problems.push(problem);
      } else {
        summary.problemsTruncated = true;
      }
    }
  };
  const progress = () => options.onProgress?.({ rowsRead: summary.rowsRead, created: summary.created, failed: summary.failed, bytesRead: summary.bytesRead });

  let pending: { row: number; item: NewShardItem }[] = [];
  let chunkNumber = 0;
  const flush = async () => {
    const chunk = pending;
    pending = [];
    if (chunk.length === 0) {
      return;
    }
    chunkNumber++;
    let results: ItemResult[];
    try {
      results = await options.send(
        chunk.map((entry) => entry.item),
        chunkNumber,
      );
    } catch (error) {
      const message = options.describe ? options.describe(error) : String(error);
      summary.failed += chunk.length;
      report(chunk.map((entry) => ({ row: entry.row, field: "", message })));
      progress();
      return;
    }
    chunk.forEach((entry, index) => {
      const result = results.find((candidate) => candidate.index === index) ?? results[index];
      if (result && result.status !== undefined && result.status < 300) {
        summary.created++;
      } else {
        summary.failed++;
        report(result ? problemsOfResult(entry.row, result) : [{ row: entry.row, field: "", message: t("imports.error.noResult") }]);
      }
    });
    progress();
  };

  const iterator = options.batches[Symbol.asyncIterator]();
  try {
    while (!options.signal?.aborted) {
      let next: IteratorResult<Batch>;
      try {
        next = await iterator.next();
      } catch (error) {
        // The rest of the file cannot be read: what was read so far is still imported, and the
        // report says where reading stopped.
        report([{ row: 0, field: "", message: t("imports.error.read", { message: error instanceof Error ? error.message : String(error) }) }]);
        break;
      }
      if (next.done) {
        break;
      }
      const batch = next.value;
      summary.bytesRead = batch.bytesRead;
      for (const problem of batch.problems) {
        summary.rowsRead++;
        summary.failed++;
        report([{ row: problem.row, field: "", message: problem.message }]);
      }
      for (const record of batch.records) {
        summary.rowsRead++;
        const converted = options.toItem(record);
        if ("problems" in converted) {
          summary.failed++;
          report(converted.problems);
        } else {
          pending.push({ row: record.row, item: converted.item });
        }
        if (pending.length >= chunkSize) {
          if (options.signal?.aborted) {
            break;
          }
          await flush();
        }
      }
      progress();
    }
    if (!options.signal?.aborted) {
      await flush();
    }
  } finally {
    summary.cancelled = options.signal?.aborted ?? false;
    if (summary.cancelled) {
      // Rows read but never sent are neither created nor failed: say so by not counting them.
      summary.rowsRead -= pending.length;
      await iterator.return?.();
    }
  }
  progress();
  return summary;
}

function csvField(value: string | number): string {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The error report as CSV (row, field, message), for download. */
export function problemsCsv(problems: RowProblem[], header: [string, string, string]): string {
  const lines = [header.map(csvField).join(",")];
  for (const problem of problems) {
    lines.push([problem.row, problem.field, problem.message].map(csvField).join(","));
  }
  return `${lines.join("\r\n")}\r\n`;
}
