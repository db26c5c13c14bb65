import type { AnalyticsQuery, Measure } from "../api/types";

export const MEASURE_FNS = ["count", "sum", "avg", "min", "max", "countDistinct", "p50", "p90"] as const;
export type MeasureFn = (typeof MEASURE_FNS)[number];
/** Functions over numbers: their field must be numeric. */
export const NUMERIC_FNS: readonly MeasureFn[] = ["sum", "avg", "min", "max", "p50", "p90"];
export const BUCKETS = ["day", "week", "month", "quarter", "year"] as const;
export type Bucket = (typeof BUCKETS)[number];
export const OPERATORS = ["eq", "ne", "gt", "gte", "lt", "lte", "in", "contains", "exists"] as const;
export type Operator = (typeof OPERATORS)[number];
export const SORTS = ["none", "measureDesc", "measureAsc", "groupAsc", "groupDesc"] as const;
export type SortChoice = (typeof SORTS)[number];

export type Filter = { field: string; op: Operator; value: string };
/** A grouping: a field (or `related:<rel>:<out|in>.<field>`) and, for dates, a bucket. */
export type Grouping = { field: string; bucket: Bucket | ""; /** typed as a path (a linked shard's field), not picked from the list */ custom?: boolean };

/** What the query builder's form holds; `buildQuery` turns it into the POST /analytics/query body. */
export type QueryDraft = {
  shardType: string;
  filters: Filter[];
  groupBy: Grouping[];
  measure: { fn: MeasureFn; field: string };
  sort: SortChoice;
  limit: string;
};

export function emptyDraft(shardType = ""): QueryDraft {
  return { shardType, filters: [], groupBy: [], measure: { fn: "count", field: "" }, sort: "none", limit: "" };
}

/** The output column of the measure; named explicitly so that sorting by it never guesses. */
export function measureColumn(measure: QueryDraft["measure"]): string {
  return measure.fn === "count" || !measure.field ? measure.fn : `${measure.fn}_${measure.field.replace(/[^A-Za-z0-9_]/g, "_")}`;
}

export function groupingKey(grouping: Grouping): string {
  return grouping.bucket ? `${grouping.field}:${grouping.bucket}` : grouping.field;
}

export function whereOf(filter: Filter): string {
  return `${filter.field}:${filter.op}:${filter.op === "exists" ? filter.value || "true" : filter.value}`;
}

/** The analytics query of a draft: empty parts are left out, as the server's defaults apply. */
export function buildQuery(draft: QueryDraft): AnalyticsQuery {
  const where = draft.filters.filter((f) => f.field.trim() !== "" && (f.op === "exists" || f.value !== "")).map(whereOf);
  const groupBy = draft.groupBy.filter((g) => g.field.trim() !== "").map(groupingKey);
  const measure: Measure = { fn: draft.measure.fn };
  if (draft.measure.fn !== "count" && draft.measure.field) measure.field = draft.measure.field;
  measure.as = measureColumn({ fn: draft.measure.fn, field: measure.field ?? "" });
  const sort =
    draft.sort === "measureDesc" ? [`-${measure.as}`]
    : draft.sort === "measureAsc" ? [measure.as]
    : (draft.sort === "groupAsc" || draft.sort === "groupDesc") && groupBy[0] ? [`${draft.sort === "groupDesc" ? "-" : ""}${groupBy[0]}`]
    : [];
  const limit = Number.parseInt(draft.limit, 10);
  return {
    shardType: draft.shardType,
    ...(where.length > 0 && { where }),
    ...(groupBy.length > 0 && { groupBy }),
    measures: [measure],
    ...(sort.length > 0 && { sort }),
    ...(Number.isFinite(limit) && limit > 0 && { limit: Math.min(limit, 10_000) }),
  };
}

function parseFilter(where: string): Filter {
  const [field = "", op = "eq", ...rest] = where.split(":");
  return { field, op: (OPERATORS as readonly string[]).includes(op) ? (op as Operator) : "eq", value: rest.join(":") };
}

function parseGrouping(groupBy: string): Grouping {
  const match = /^(.*):(day|week|month|quarter|year)$/.exec(groupBy);
  const grouping: Grouping = match ? { field: match[1] ?? "", bucket: match[2] as Bucket } : { field: groupBy, bucket: "" };
  return grouping.field.startsWith("related:") ? { ...grouping, custom: true } : grouping;
}

/** A widget's stored query back into the form (its first measure; the others are kept by the caller). */
export function parseQuery(query: AnalyticsQuery | null | undefined): QueryDraft {
  if (!query) return emptyDraft();
  const first = query.measures?.[0];
  const fn = (MEASURE_FNS as readonly string[]).includes(first?.fn ?? "") ? (first?.fn as MeasureFn) : "count";
  const measure = { fn, field: first?.field ?? "" };
  const column = first?.as ?? measureColumn(measure);
  const groupBy = (query.groupBy ?? []).map(parseGrouping);
  const firstSort = query.sort?.[0];
  const sort: SortChoice =
    firstSort === undefined ? "none"
    : firstSort === `-${column}` ? "measureDesc"
    : firstSort === column ? "measureAsc"
    : firstSort.startsWith("-") ? "groupDesc"
    : "groupAsc";
  return {
    shardType: query.shardType ?? "",
    filters: (query.where ?? []).map(parseFilter),
    groupBy,
    measure,
    sort,
    limit: query.limit ? String(query.limit) : "",
  };
}

export type FieldKind = "string" | "number" | "integer" | "boolean" | "date" | "date-time" | "array" | "other";
export type FieldInfo = { path: string; kind: FieldKind };

/** Fields every shard has, usable in filters of the analytics engine and in groupings. */
export const SYSTEM_FIELDS: readonly FieldInfo[] = [
  { path: "createdAt", kind: "date-time" },
  { path: "updatedAt", kind: "date-time" },
  { path: "status", kind: "string" },
  { path: "createdBy", kind: "string" },
  { path: "metadata.tags", kind: "array" },
];

type SchemaNode = { type?: unknown; format?: unknown; properties?: Record<string, SchemaNode> };

/** The fields of a type's JSON Schema, nested objects flattened to dotted paths (a few levels deep). */
export function schemaFields(schema: unknown, prefix = "", depth = 0): FieldInfo[] {
  const node = schema as SchemaNode | null | undefined;
  if (!node || typeof node !== "object" || !node.properties || depth > 3) return [];
  const fields: FieldInfo[] = [];
  for (const [name, child] of Object.entries(node.properties)) {
    const path = prefix ? `${prefix}.${name}` : name;
    const type = Array.isArray(child?.type) ? child.type.find((t) => t !== "null") : child?.type;
    if (type === "object") {
      fields.push(...schemaFields(child, path, depth + 1));
    } else {
      fields.push({ path, kind: kindOf(type, child?.format) });
    }
  }
  return fields;
}

function kindOf(type: unknown, format: unknown): FieldKind {
  if (type === "string") return format === "date" ? "date" : format === "date-time" ? "date-time" : "string";
  if (type === "number" || type === "integer" || type === "boolean" || type === "array") return type;
  return "other";
}

export function isDateKind(kind: FieldKind | undefined): boolean {
  return kind === "date" || kind === "date-time";
}

export function isNumericKind(kind: FieldKind | undefined): boolean {
  return kind === "number" || kind === "integer";
}
