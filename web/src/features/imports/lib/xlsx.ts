import { columnNames } from "./csv";
import type { Batch, SourceRecord } from "./records";

/*
 * XLSX without a library: the file is a zip of XML parts. The zip's central directory says where
 * each part is, DecompressionStream("deflate-raw") inflates it and DOMParser reads the XML. The
 * first sheet is read; shared strings, inline strings, booleans and numbers become values, and
 * numbers in a date format become ISO dates (Excel stores dates as day counts).
 */

type Entry = { name: string; method: number; compressedSize: number; localOffset: number };

function entriesOf(bytes: Uint8Array): Map<string, Entry> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 65_557); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) {
    throw new Error("not a zip file");
  }
  const count = view.getUint16(end + 10, true);
  let offset = view.getUint32(end + 16, true);
  const decoder = new TextDecoder();
  const entries = new Map<string, Entry>();
  for (let i = 0; i < count; i++) {
    if (view.getUint32(offset, true) !== 0x02014b50) {
      throw new Error("broken zip directory");
    }
    const method = view.getUint16(offset + 10, true);
    const compressedSize = view.getUint32(offset + 20, true);
    const nameLength = view.getUint16(offset + 28, true);
    const extraLength = view.getUint16(offset + 30, true);
    const commentLength = view.getUint16(offset + 32, true);
    const localOffset = view.getUint32(offset + 42, true);
    const name = decoder.decode(bytes.subarray(offset + 46, offset + 46 + nameLength));
    entries.set(name, { name, method, compressedSize, localOffset });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

async function contentOf(bytes: Uint8Array, entry: Entry): Promise<string> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const nameLength = view.getUint16(entry.localOffset + 26, true);
  const extraLength = view.getUint16(entry.localOffset + 28, true);
  const start = entry.localOffset + 30 + nameLength + extraLength;
  const data = bytes.slice(start, start + entry.compressedSize);
  if (entry.method === 0) {
    return new TextDecoder().decode(data);
  }
  if (entry.method !== 8) {
    throw new Error(`unsupported zip compression ${entry.method}`);
  }
  const compressed = new ReadableStream<BufferSource>({
    start(controller) {
      controller.enqueue(data);
      controller.close();
    },
  });
  const stream = compressed.pipeThrough(new DecompressionStream("deflate-raw"));
  return new Response(stream).text();
}

function xml(text: string): Document {
  return new DOMParser().parseFromString(text, "application/xml");
}

function byTag(parent: Document | Element, tag: string): Element[] {
  return Array.from(parent.getElementsByTagName(tag));
}

/** The text of a shared or inline string: its runs' <t>, without phonetic hints (<rPh>). */
function stringText(element: Element): string {
  return byTag(element, "t")
    .filter((t) => t.parentElement?.tagName !== "rPh")
    .map((t) => t.textContent ?? "")
    .join("");
}

const BUILT_IN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47]);

/** Which cell styles (the `s` attribute) show a number as a date. */
function dateStyles(styles: Document | undefined): Set<number> {
  const dates = new Set<number>();
  if (!styles) {
    return dates;
  }
  const custom = new Map<number, string>();
  for (const format of byTag(styles, "numFmt")) {
    custom.set(Number(format.getAttribute("numFmtId")), format.getAttribute("formatCode") ?? "");
  }
  const cellXfs = byTag(styles, "cellXfs")[0];
  if (!cellXfs) {
    return dates;
  }
  Array.from(cellXfs.children).forEach((xf, index) => {
    const id = Number(xf.getAttribute("numFmtId") ?? 0);
    // Quoted text and [colour]/[h] sections are not date parts.
    const code = (custom.get(id) ?? "").replace(/"[^"]*"|\[[^\]]*\]/g, "");
    if (BUILT_IN_DATE_FORMATS.has(id) || /[dy]/i.test(code) || /m.*[ds]|[hd].*m/i.test(code)) {
      dates.add(index);
    }
  });
  return dates;
}

/** An Excel day count (1900 date system) as an ISO date, or a date-time when it has a time of day. */
export function excelSerialToIso(serial: number): string {
  const milliseconds = Math.round((serial - 25569) * 86_400_000);
  const iso = new Date(milliseconds).toISOString();
  return iso.endsWith("T00:00:00.000Z") ? iso.slice(0, 10) : iso;
}

function columnIndex(reference: string): number {
  let index = 0;
  for (const char of reference) {
    const code = char.charCodeAt(0);
    if (code < 65 || code > 90) {
      break;
    }
    index = index * 26 + (code - 64);
  }
  return index - 1;
}

function resolve(base: string, target: string): string {
  if (target.startsWith("/")) {
    return target.slice(1);
  }
  const parts = base.split("/").slice(0, -1);
  for (const part of target.split("/")) {
    if (part === "..") {
      parts.pop();
    } else if (part !== ".") {
      parts.push(part);
    }
  }
  return parts.join("/");
}

/** The rows of the first sheet of an XLSX file as text or number cells (null for an empty cell). */
export async function xlsxRows(file: Blob): Promise<{ row: number; cells: (string | number | boolean | null)[] }[]> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const entries = entriesOf(bytes);
  const read = async (name: string) => {
    const entry = entries.get(name);
    return entry ? xml(await contentOf(bytes, entry)) : undefined;
  };
  const workbook = await read("xl/workbook.xml");
  const relations = await read("xl/_rels/workbook.xml.rels");
  let sheetPath = "xl/worksheets/sheet1.xml";
  const firstSheet = workbook ? byTag(workbook, "sheet")[0] : undefined;
  const relationId = firstSheet?.getAttribute("r:id") ?? firstSheet?.getAttributeNS("http://schemas.openxmlformats.org/officeDocument/2006/relationships", "id");
  if (relations && relationId) {
    const target = byTag(relations, "Relationship").find((relation) => relation.getAttribute("Id") === relationId)?.getAttribute("Target");
    if (target) {
      sheetPath = resolve("xl/workbook.xml", target);
    }
  }
  const sheet = await read(sheetPath);
  if (!sheet) {
    throw new Error("no worksheet in the file");
  }
  const sharedStrings = await read("xl/sharedStrings.xml");
  const strings = sharedStrings ? byTag(sharedStrings, "si").map(stringText) : [];
  const dates = dateStyles(await read("xl/styles.xml"));

  const rows: { row: number; cells: (string | number | boolean | null)[] }[] = [];
  byTag(sheet, "row").forEach((rowElement, position) => {
    const rowNumber = Number(rowElement.getAttribute("r") ?? position + 1);
    const cells: (string | number | boolean | null)[] = [];
    let next = 0;
    for (const cell of Array.from(rowElement.children)) {
      if (cell.tagName !== "c") {
        continue;
      }
      const reference = cell.getAttribute("r");
      const index = reference ? columnIndex(reference) : next;
      next = index + 1;
      const type = cell.getAttribute("t") ?? "n";
      const raw = byTag(cell, "v")[0]?.textContent ?? null;
      let value: string | number | boolean | null = null;
      if (type === "s") {
        value = raw === null ? null : (strings[Number(raw)] ?? "");
      } else if (type === "inlineStr") {
        const inline = byTag(cell, "is")[0];
        value = inline ? stringText(inline) : null;
      } else if (type === "b") {
        value = raw === "1";
      } else if (type === "str" || type === "e") {
        value = raw;
      } else if (raw !== null && raw !== "") {
        const number = Number(raw);
        value = dates.has(Number(cell.getAttribute("s") ?? -1)) ? excelSerialToIso(number) : number;
      }
      cells[index] = value;
    }
    for (let i = 0; i < cells.length; i++) {
      cells[i] ??= null;
    }
    rows.push({ row: rowNumber, cells });
  });
  return rows;
}

/** The first sheet as batches of records keyed by the header row's names (as readRecords gives them for CSV). */
export async function* readXlsx(file: Blob, unnamedTemplate = "Column {position}", batchSize = 1000): AsyncGenerator<Batch> {
  const unnamed = (position: number) => unnamedTemplate.replace("{position}", String(position));
  const rows = await xlsxRows(file);
  const headerIndex = rows.findIndex((row) => row.cells.some((cell) => cell !== null && cell !== ""));
  if (headerIndex < 0) {
    return;
  }
  const columns = columnNames(rows[headerIndex]!.cells.map((cell) => (cell === null ? "" : String(cell))), unnamed);
  const body = rows.slice(headerIndex + 1).filter((row) => row.cells.some((cell) => cell !== null && cell !== ""));
  for (let start = 0; start < body.length || start === 0; start += batchSize) {
    const records: SourceRecord[] = body.slice(start, start + batchSize).map(({ row, cells }) => {
      const values: Record<string, unknown> = {};
      columns.forEach((column, index) => {
        values[column] = cells[index] ?? "";
      });
      return { row, values };
    });
    yield { records, problems: [], columns, bytesRead: Math.round(file.size * Math.min(1, (start + batchSize) / Math.max(body.length, 1))) };
    if (body.length === 0) {
      break;
    }
  }
}
