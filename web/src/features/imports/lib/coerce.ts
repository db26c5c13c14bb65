import { t } from "@/lib/i18n";
import type { FieldKind, FieldSpec, Mapping } from "./mapping";
import type { SourceRecord } from "./records";

/** A cell converted for its field: a value, nothing (an empty cell sets no field), or why it cannot be. */
export type Coerced = { value: unknown } | { empty: true } | { error: string };

const SPACES = /[\s\u00a0\u202f']/g;

/**
 * A number written the way people write them: "1,234.5", "1.234,5", "1 234,5", "1'234", "-12",
 * "12%" stays 12. With both separators the last one is the decimal point; with only commas, groups
 * of exactly three digits are thousands ("1,234,567") and otherwise it is a decimal comma ("3,5").
 */
export function parseNumber(text: string): number | undefined {
  let value = text.trim().replace(SPACES, "").replace(/%$/, "");
  if (!/^[+-]?[\d.,]*\d[\d.,]*(e[+-]?\d+)?$/i.test(value)) {
    return undefined;
  }
  const lastComma = value.lastIndexOf(",");
  const lastDot = value.lastIndexOf(".");
  if (lastComma >= 0 && lastDot >= 0) {
    const decimal = lastComma > lastDot ? "," : ".";
    const group = decimal === "," ? "." : ",";
    value = value.split(group).join("").replace(decimal, ".");
  } else if (lastComma >= 0) {
    value = /^[+-]?\d{1,3}(,\d{3})+$/.test(value) ? value.replace(/,/g, "") : value.replace(",", ".");
  } else if (lastDot >= 0 && /^[+-]?\d{1,3}(\.\d{3}){2,}$/.test(value)) {
    value = value.replace(/\./g, "");
  }
  if ((value.match(/[.,]/g) ?? []).length > 1) {
    return undefined;
  }
  const number = Number(value);
  return Number.isFinite(number) ? number : undefined;
}

const TRUE_WORDS = new Set(["true", "yes", "y", "1", "on", "t", "x"]);
const FALSE_WORDS = new Set(["false", "no", "n", "0", "off", "f"]);

export function parseBoolean(text: string): boolean | undefined {
  const word = text.trim().toLowerCase();
  return TRUE_WORDS.has(word) ? true : FALSE_WORDS.has(word) ? false : undefined;
}

function pad(number: number, width = 2): string {
  return String(number).padStart(width, "0");
}

function validDate(year: number, month: number, day: number): string | undefined {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return undefined;
  }
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

/**
 * A date as "YYYY-MM-DD": ISO ("2026-03-01", also with a time), "2026/03/01", day first with dots
 * or dashes ("01.03.2026"), and with slashes month first ("03/01/2026") unless the first number
 * cannot be a month ("25/12/2026"). Two-digit years are 20xx.
 */
export function parseDate(text: string): string | undefined {
  const value = text.trim();
  let match = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ].*)?$/.exec(value);
  if (match) {
    return validDate(Number(match[1]), Number(match[2]), Number(match[3]));
  }
  match = /^(\d{1,2})([-/.])(\d{1,2})\2(\d{2}|\d{4})$/.exec(value);
  if (match) {
    const first = Number(match[1]);
    const second = Number(match[3]);
    const year = match[4]!.length === 2 ? 2000 + Number(match[4]) : Number(match[4]);
    const monthFirst = match[2] === "/" && first <= 12;
    return monthFirst ? validDate(year, first, second) : validDate(year, second, first);
  }
  return undefined;
}

/** A date-time as an ISO instant; a bare date is midnight UTC. */
export function parseDateTime(text: string): string | undefined {
  const value = text.trim();
  const date = parseDate(value);
  if (date && !/[T ]\d/.test(value)) {
    return `${date}T00:00:00Z`;
  }
  if (!/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/.test(value)) {
    return undefined;
  }
  const time = Date.parse(value.replace(" ", "T"));
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}

function splitList(text: string): string[] {
  const trimmed = text.trim();
  if (trimmed.startsWith("[")) {
    try {
      const parsed: unknown = JSON.parse(trimmed);
      if (Array.isArray(parsed)) {
        return parsed.map(String);
      }
    } catch {
      // not JSON: split it as a list
    }
  }
  return trimmed
    .split(/[;,|]/)
    .map((part) => part.trim())
    .filter(Boolean);
}

/** Converts one cell (text from CSV/XLSX, or any JSON value from JSON Lines) to what its field holds. */
export function coerce(raw: unknown, kind: FieldKind): Coerced {
  if (raw === null || raw === undefined || (typeof raw === "string" && raw.trim() === "")) {
    return { empty: true };
  }
  const text = typeof raw === "string" ? raw : typeof raw === "object" ? JSON.stringify(raw) : String(raw);
  switch (kind) {
    case "string":
      return { value: typeof raw === "string" ? raw.trim() : text };
    case "number":
    case "integer": {
      const number = typeof raw === "number" ? raw : parseNumber(text);
      if (number === undefined) {
        return { error: t("imports.coerce.number", { value: text }) };
      }
      if (kind === "integer" && !Number.isInteger(number)) {
        return { error: t("imports.coerce.integer", { value: text }) };
      }
      return { value: number };
    }
    case "boolean": {
      const value = typeof raw === "boolean" ? raw : parseBoolean(text);
      return value === undefined ? { error: t("imports.coerce.boolean", { value: text }) } : { value };
    }
    case "date": {
      const value = parseDate(text);
      return value === undefined ? { error: t("imports.coerce.date", { value: text }) } : { value };
    }
    case "date-time": {
      const value = parseDateTime(text);
      return value === undefined ? { error: t("imports.coerce.dateTime", { value: text }) } : { value };
    }
    case "array":
      return { value: Array.isArray(raw) ? raw : splitList(text) };
    case "object": {
      if (typeof raw === "object") {
        return { value: raw };
      }
      try {
        const value: unknown = JSON.parse(text);
        if (value && typeof value === "object" && !Array.isArray(value)) {
          return { value };
        }
      } catch {
        // reported below
      }
      return { error: t("imports.coerce.object") };
    }
    default:
      return { value: typeof raw === "string" ? raw.trim() : raw };
  }
}

/** A create body for `POST /shards` (one bulk item). */
export type NewShardItem = {
  shardType: string;
  structuredData: Record<string, unknown>;
  unstructuredData?: { text: string };
  metadata?: { tags: string[] };
  source: "import";
};

export type RowProblem = { row: number; field: string; message: string };

/** One record as a bulk item through the mapping, or the problems of its cells (then it is not sent). */
export function toItem(
  record: SourceRecord,
  shardType: string,
  mapping: Mapping,
  fields: Map<string, FieldSpec>,
): { item: NewShardItem } | { problems: RowProblem[] } {
  const structuredData: Record<string, unknown> = {};
  const problems: RowProblem[] = [];
  const texts: string[] = [];
  const tags: string[] = [];
  for (const [column, target] of Object.entries(mapping)) {
    if (!target) {
      continue;
    }
    const raw = record.values[column];
    if (target === "text") {
      const coerced = coerce(raw, "string");
      if ("value" in coerced) texts.push(String(coerced.value));
      continue;
    }
    if (target === "tags") {
      const coerced = coerce(raw, "array");
      if ("value" in coerced) tags.push(...(coerced.value as unknown[]).map(String));
      continue;
    }
    const name = target.slice("field:".length);
    const coerced = coerce(raw, fields.get(name)?.kind ?? "any");
    if ("error" in coerced) {
      problems.push({ row: record.row, field: name, message: coerced.error });
    } else if ("value" in coerced) {
      structuredData[name] = coerced.value;
    }
  }
  if (problems.length > 0) {
    return { problems };
  }
  return {
    item: {
      shardType,
      structuredData,
      ...(texts.length > 0 && { unstructuredData: { text: texts.join("\n\n") } }),
      ...(tags.length > 0 && { metadata: { tags: [...new Set(tags)] } }),
      source: "import",
    },
  };
}
