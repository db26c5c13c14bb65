import { t } from "@/lib/i18n";
import { columnNames, CsvParser, detectDelimiter, recordOf } from "./csv";

export type FileFormat = "csv" | "jsonl" | "xlsx";

/** One record of the file: its row number as people see it (the header is row 1) and its values by column. */
export type SourceRecord = { row: number; values: Record<string, unknown> };

/** A record the reader could not make sense of (a JSON line that is not an object). */
export type SourceProblem = { row: number; message: string };

/** A piece of the file: its records, how far into the file the reader is, and the columns seen so far. */
export type Batch = {
  records: SourceRecord[];
  problems: SourceProblem[];
  columns: string[];
  bytesRead: number;
};

export type ReadOptions = {
  format: Exclude<FileFormat, "xlsx">;
  /** The CSV delimiter; detected from the first slice when absent. */
  delimiter?: string | undefined;
  /** How much of the file one slice reads. */
  sliceBytes?: number;
  /** The name of a column without a header, "{position}" replaced by its position from 1. */
  unnamed?: string | undefined;
};

/** The format of a file from its name (and type, when the name has no extension). */
export function formatOf(file: { name: string; type?: string }): FileFormat | undefined {
  const name = file.name.toLowerCase();
  if (name.endsWith(".csv") || name.endsWith(".tsv") || name.endsWith(".txt") || file.type === "text/csv") {
    return "csv";
  }
  if (name.endsWith(".jsonl") || name.endsWith(".ndjson") || name.endsWith(".json") || file.type === "application/x-ndjson") {
    return "jsonl";
  }
  if (name.endsWith(".xlsx") || file.type === "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet") {
    return "xlsx";
  }
  return undefined;
}

/** The file's text, slice by slice (a multi-byte character cut between two slices is kept whole). */
export async function* textSlices(file: Blob, sliceBytes: number): AsyncGenerator<{ text: string; bytesRead: number }> {
  const decoder = new TextDecoder("utf-8");
  for (let offset = 0; offset < file.size; offset += sliceBytes) {
    const end = Math.min(offset + sliceBytes, file.size);
    const bytes = await file.slice(offset, end).arrayBuffer();
    const text = decoder.decode(bytes, { stream: end < file.size });
    yield { text, bytesRead: end };
  }
  const rest = decoder.decode();
  if (rest) {
    yield { text: rest, bytesRead: file.size };
  }
}

/**
 * Reads a CSV or JSON Lines file as batches of records, one slice at a time, so that a large file
 * is never in memory whole and the page (or the worker) stays responsive between slices.
 */
export async function* readRecords(file: Blob, options: ReadOptions): AsyncGenerator<Batch> {
  const sliceBytes = options.sliceBytes ?? 1 << 20;
  const template = options.unnamed ?? "Column {position}";
  const unnamed = (position: number) => template.replace("{position}", String(position));
  if (options.format === "csv") {
    yield* readCsv(file, sliceBytes, options.delimiter, unnamed);
  } else {
    yield* readJsonLines(file, sliceBytes);
  }
}

async function* readCsv(file: Blob, sliceBytes: number, delimiter: string | undefined, unnamed: (position: number) => string): AsyncGenerator<Batch> {
  let parser: CsvParser | undefined;
  let columns: string[] | undefined;
  let row = 0;
  const batchOf = (fields: string[][], bytesRead: number): Batch => {
    const records: SourceRecord[] = [];
    for (const record of fields) {
      row++;
      if (!columns) {
        columns = columnNames(record, unnamed);
        continue;
      }
      records.push({ row, values: recordOf(columns, record) });
    }
    return { records, problems: [], columns: columns ?? [], bytesRead };
  };
  // The delimiter is detected on the first 64 KiB (or the whole file if smaller), whatever the slice size.
  let head = "";
  for await (const slice of textSlices(file, sliceBytes)) {
    if (!parser) {
      head += slice.text;
      if (head.length < 64 * 1024 && slice.bytesRead < file.size) {
        continue;
      }
      parser = new CsvParser(delimiter ?? detectDelimiter(head.slice(0, 64 * 1024)));
      yield batchOf(parser.push(head), slice.bytesRead);
      head = "";
      continue;
    }
    yield batchOf(parser.push(slice.text), slice.bytesRead);
  }
  if (!parser && head) {
    parser = new CsvParser(delimiter ?? detectDelimiter(head));
    yield batchOf(parser.push(head), file.size);
  }
  if (parser) {
    yield batchOf(parser.end(), file.size);
  }
}

async function* readJsonLines(file: Blob, sliceBytes: number): AsyncGenerator<Batch> {
  let pending = "";
  let line = 0;
  const columns: string[] = [];
  const known = new Set<string>();
  const batchOf = (lines: string[], bytesRead: number): Batch => {
    const records: SourceRecord[] = [];
    const problems: SourceProblem[] = [];
    for (const text of lines) {
      line++;
      const trimmed = (line === 1 ? text.replace(/^\uFEFF/, "") : text).trim();
      if (trimmed === "") {
        continue;
      }
      let value: unknown;
      try {
        value = JSON.parse(trimmed);
      } catch (error) {
        problems.push({ row: line, message: t("imports.error.jsonLine", { message: error instanceof Error ? error.message : String(error) }) });
        continue;
      }
      if (!value || typeof value !== "object" || Array.isArray(value)) {
        problems.push({ row: line, message: t("imports.error.notObject") });
        continue;
      }
      for (const key of Object.keys(value)) {
        if (!known.has(key)) {
          known.add(key);
          columns.push(key);
        }
      }
      records.push({ row: line, values: value as Record<string, unknown> });
    }
    return { records, problems, columns: [...columns], bytesRead };
  };
  for await (const slice of textSlices(file, sliceBytes)) {
    const lines = (pending + slice.text).split(/\r?\n/);
    pending = lines.pop() ?? "";
    yield batchOf(lines, slice.bytesRead);
  }
  yield batchOf(pending ? [pending] : [], file.size);
}
