/**
 * An RFC 4180 CSV parser that takes its text in pieces, so a large file is read slice by slice
 * and never held whole: quoted fields with delimiters, doubled quotes and line breaks inside them,
 * CRLF, LF or CR line ends (also split across two pieces), a leading byte order mark, and blank
 * lines skipped. A stray quote inside an unquoted field is kept as a character, as spreadsheets do.
 */
export class CsvParser {
  private readonly delimiter: string;
  private field = "";
  private record: string[] = [];
  private quoted = false;
  /** Inside a quoted field, the previous character was a quote: an escape or the closing quote. */
  private quotePending = false;
  /** The field started with a quote (so it is not empty even when it has no characters). */
  private fieldWasQuoted = false;
  /** The previous piece ended with CR: a LF at the start of this one belongs to it. */
  private skipLineFeed = false;
  private started = false;

  constructor(delimiter = ",") {
    if (delimiter.length !== 1 || delimiter === '"' || delimiter === "\n" || delimiter === "\r") {
      throw new Error(`not a CSV delimiter: ${JSON.stringify(delimiter)}`);
    }
    this.delimiter = delimiter;
  }

  /** Parses the next piece of text; answers the records it completed. */
  push(text: string): string[][] {
    const records: string[][] = [];
    let start = 0;
    if (!this.started && text.length > 0) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) {
        start = 1;
      }
    }
    const delimiter = this.delimiter;
    let field = this.field;
    for (let i = start; i < text.length; i++) {
      const char = text[i]!;
      if (this.skipLineFeed) {
        this.skipLineFeed = false;
        if (char === "\n") {
          continue;
        }
      }
      if (this.quoted) {
        if (this.quotePending) {
          this.quotePending = false;
          if (char === '"') {
            field += '"';
            continue;
          }
          this.quoted = false;
          // falls through: the closing quote ended the field's quoted part
        } else if (char === '"') {
          this.quotePending = true;
          continue;
        } else {
          // Copy a run of plain characters at once: quoted fields can be long.
          const next = text.indexOf('"', i);
          const end = next < 0 ? text.length : next;
          field += text.slice(i, end);
          i = end - 1;
          continue;
        }
      }
      if (char === delimiter) {
        this.record.push(field);
        field = "";
        this.fieldWasQuoted = false;
      } else if (char === "\n" || char === "\r") {
        this.record.push(field);
        field = "";
        this.endRecord(records);
        if (char === "\r") {
          this.skipLineFeed = true;
        }
      } else if (char === '"' && field === "" && !this.fieldWasQuoted) {
        this.quoted = true;
        this.fieldWasQuoted = true;
      } else {
        field += char;
      }
    }
    this.field = field;
    return records;
  }

  /** Ends the text: answers the last record when the file did not end with a line break. */
  end(): string[][] {
    const records: string[][] = [];
    if (this.field !== "" || this.record.length > 0 || this.fieldWasQuoted) {
      this.record.push(this.field);
      this.field = "";
      this.endRecord(records);
    }
    this.quoted = false;
    this.quotePending = false;
    return records;
  }

  private endRecord(records: string[][]) {
    const record = this.record;
    this.record = [];
    const blank = record.length === 1 && record[0] === "" && !this.fieldWasQuoted;
    this.fieldWasQuoted = false;
    if (!blank) {
      records.push(record);
    }
  }
}

/** Parses a whole CSV text (tests, small pastes). */
export function parseCsv(text: string, delimiter = ","): string[][] {
  const parser = new CsvParser(delimiter);
  return [...parser.push(text), ...parser.end()];
}

export const DELIMITERS = [",", ";", "\t", "|"] as const;

/**
 * The delimiter of a CSV sample (the first few KiB of the file): the candidate that splits the
 * header into the most columns while giving the following records the same number of fields.
 * A comma when nothing splits (a one-column file).
 */
export function detectDelimiter(sample: string): string {
  let best: { delimiter: string; score: number } = { delimiter: ",", score: 0 };
  // The last line of a sample may be cut in the middle.
  const cut = Math.max(sample.lastIndexOf("\n"), 0);
  const text = cut > 0 ? sample.slice(0, cut) : sample;
  for (const delimiter of DELIMITERS) {
    const records = parseCsv(text, delimiter).slice(0, 20);
    const width = records[0]?.length ?? 0;
    if (width < 2) {
      continue;
    }
    const consistent = records.filter((record) => record.length === width).length / records.length;
    const score = consistent * width + (consistent === 1 ? 1000 : 0);
    if (score > best.score) {
      best = { delimiter, score };
    }
  }
  return best.delimiter;
}

/**
 * Column names from a header record: trimmed, a blank one named after its position, a repeated
 * one numbered, so that each column has a distinct key.
 */
export function columnNames(header: string[], unnamed: (position: number) => string): string[] {
  const seen = new Map<string, number>();
  return header.map((raw, index) => {
    const base = raw.trim() || unnamed(index + 1);
    const count = (seen.get(base) ?? 0) + 1;
    seen.set(base, count);
    return count === 1 ? base : `${base} (${count})`;
  });
}

/** One CSV record as an object keyed by column; missing trailing fields are empty. */
export function recordOf(columns: string[], fields: string[]): Record<string, string> {
  const values: Record<string, string> = {};
  columns.forEach((column, index) => {
    values[column] = fields[index] ?? "";
  });
  return values;
}
