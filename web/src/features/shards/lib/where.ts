/**
 * The `where` filters of GET /shards (API.md): `field:op:value` strings, ANDed. The list page keeps
 * them in the URL as these strings, so a link or a saved view carries exactly what the server gets.
 */
import type { FieldKind, SchemaField } from "./schema";

export const OPERATORS = ["eq", "ne", "gt", "gte", "lt", "lte", "in", "contains", "exists"] as const;
export type Operator = (typeof OPERATORS)[number];

export type Condition = { field: string; op: Operator; value: string };

const DATE_FORMATS = new Set(["date", "date-time", "time"]);

/**
 * The operators that make sense for a field: order comparisons for numbers and for dates (ISO
 * strings compare in order), `contains` for text and arrays, `exists` for all.
 */
export function operatorsFor(field: Pick<SchemaField, "kind" | "schema">): Operator[] {
  const kind: FieldKind = field.kind;
  switch (kind) {
    case "number":
    case "integer":
      return ["eq", "ne", "gt", "gte", "lt", "lte", "in", "exists"];
    case "boolean":
      return ["eq", "ne", "exists"];
    case "array":
      return ["contains", "exists"];
    case "object":
      return ["exists"];
    case "string":
      if (field.schema.enum) return ["eq", "ne", "in", "exists"];
      if (field.schema.format && DATE_FORMATS.has(field.schema.format)) return ["eq", "ne", "gt", "gte", "lt", "lte", "exists"];
      return ["eq", "ne", "contains", "in", "gt", "gte", "lt", "lte", "exists"];
  }
}

/** A field path the server accepts (letters, digits, _ and -, dot-separated, at most 8 deep). */
const PATH = /^[A-Za-z_][A-Za-z0-9_-]{0,63}(\.[A-Za-z_][A-Za-z0-9_-]{0,63}){0,7}$/;

/** The `where` string of a condition, or undefined when it is incomplete or invalid. */
export function toWhere(condition: Condition): string | undefined {
  if (!PATH.test(condition.field)) return undefined;
  if (condition.op === "exists") {
    return `${condition.field}:exists:${condition.value === "false" ? "false" : "true"}`;
  }
  if (condition.op === "in") {
    const values = condition.value
      .split("|")
      .map((value) => value.trim())
      .filter((value) => value !== "");
    return values.length > 0 ? `${condition.field}:in:${values.join("|")}` : undefined;
  }
  const value = condition.value.trim();
  return value === "" ? undefined : `${condition.field}:${condition.op}:${value}`;
}

/** Parses a `where` string (value may contain colons); undefined when it is not one. */
export function parseWhere(where: string): Condition | undefined {
  const first = where.indexOf(":");
  if (first <= 0) return undefined;
  const second = where.indexOf(":", first + 1);
  const field = where.slice(0, first);
  const op = (second < 0 ? where.slice(first + 1) : where.slice(first + 1, second)).toLowerCase();
  const value = second < 0 ? "" : where.slice(second + 1);
  if (!PATH.test(field) || !(OPERATORS as readonly string[]).includes(op)) return undefined;
  return { field, op: op as Operator, value: op === "exists" && value === "" ? "true" : value };
}

/** The `where` list from a list of conditions, dropping incomplete ones and duplicates. */
export function buildWhere(conditions: Condition[]): string[] {
  return [...new Set(conditions.map(toWhere).filter((where): where is string => where !== undefined))];
}

/** The sorts GET /shards accepts (ShardSort): system fields and `structuredData.<path>`, `-` for descending. */
export const SYSTEM_SORTS = ["createdAt", "updatedAt", "revision", "status"] as const;

export function sortOptions(fields: SchemaField[]): string[] {
  const keys = [...SYSTEM_SORTS, ...fields.filter((field) => field.kind !== "object" && field.kind !== "array").map((field) => `structuredData.${field.path}`)];
  return keys.flatMap((key) => [key, `-${key}`]);
}

export const DEFAULT_SORT = "-createdAt";
