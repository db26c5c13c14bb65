/**
 * The parts of a JSON Schema (draft 2020-12) that the shard pages read: the fields of
 * `structuredData`, their types, formats and bounds. The schema is only read, never compiled (the
 * CSP forbids eval, so no AJV): the server validates, the form shows its answer.
 */

export type JsonSchema = {
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  title?: string;
  description?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minLength?: number;
  maxLength?: number;
  default?: unknown;
  examples?: unknown[];
};

export type FieldKind = "string" | "number" | "integer" | "boolean" | "array" | "object";

/** One field of structuredData, nested ones with a dotted path (`address.city`). */
export type SchemaField = {
  path: string;
  name: string;
  label: string;
  kind: FieldKind;
  schema: JsonSchema;
  required: boolean;
  /** For arrays: the kind of the items (arrays of objects are not filterable or editable here). */
  itemKind?: FieldKind | undefined;
};

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function asSchema(value: unknown): JsonSchema {
  return isObject(value) ? (value as JsonSchema) : {};
}

/** The kind of a schema: its `type`, the first non-null one of a union, `object` when it has properties. */
export function kindOf(schema: JsonSchema): FieldKind {
  const types = Array.isArray(schema.type) ? schema.type.filter((type) => type !== "null") : schema.type ? [schema.type] : [];
  const type = types[0];
  if (type === "string" || type === "number" || type === "integer" || type === "boolean" || type === "array" || type === "object") {
    return type;
  }
  if (schema.properties) return "object";
  if (schema.enum?.every((value) => typeof value === "number")) return "number";
  return "string";
}

/** "annualRevenue" → "Annual revenue", "close_date" → "Close date". */
export function humanize(name: string): string {
  const words = name
    .replace(/[_-]+/g, " ")
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The direct fields of an object schema, required ones first, then in schema order. */
export function fieldsOf(schema: JsonSchema, prefix = ""): SchemaField[] {
  const required = new Set(schema.required ?? []);
  const fields = Object.entries(schema.properties ?? {}).map(([name, raw]) => {
    const child = asSchema(raw);
    const kind = kindOf(child);
    return {
      path: prefix ? `${prefix}.${name}` : name,
      name,
      label: child.title ?? humanize(name),
      kind,
      schema: child,
      required: required.has(name),
      itemKind: kind === "array" ? kindOf(asSchema(child.items)) : undefined,
    };
  });
  return [...fields.filter((field) => field.required), ...fields.filter((field) => !field.required)];
}

/** Every field, nested objects flattened into dotted paths (the form of `where` and `sort`). */
export function flatFields(schema: JsonSchema, prefix = "", depth = 0): SchemaField[] {
  return fieldsOf(schema, prefix).flatMap((field) =>
    field.kind === "object" && depth < 7 ? [field, ...flatFields(field.schema, field.path, depth + 1)] : [field],
  );
}

/** The fields a list can show or sort by: scalars, nested ones included. */
export function scalarFields(schema: JsonSchema): SchemaField[] {
  return flatFields(schema).filter((field) => field.kind !== "object" && field.kind !== "array");
}

/** The value at a dotted path of an object, or undefined. */
export function valueAt(data: unknown, path: string): unknown {
  let current: unknown = data;
  for (const segment of path.split(".")) {
    if (!isObject(current)) return undefined;
    current = current[segment];
  }
  return current;
}

/** A copy of `data` with `value` at the dotted `path` (undefined removes the key). */
export function withValueAt(data: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
  const [head, ...rest] = path.split(".");
  if (head === undefined) return data;
  const copy = { ...data };
  if (rest.length === 0) {
    if (value === undefined) delete copy[head];
    else copy[head] = value;
    return copy;
  }
  const child = isObject(copy[head]) ? (copy[head] as Record<string, unknown>) : {};
  const updated = withValueAt(child, rest.join("."), value);
  if (Object.keys(updated).length === 0) delete copy[head];
  else copy[head] = updated;
  return copy;
}

/**
 * The field that names a shard in lists and titles: a conventional name field if the type has
 * one, else its first required string.
 */
export function titleField(schema: JsonSchema): string | undefined {
  const fields = fieldsOf(schema);
  for (const name of ["name", "title", "subject", "lastName", "label"]) {
    if (fields.some((field) => field.name === name)) return name;
  }
  return fields.find((field) => field.kind === "string" && field.required)?.name ?? fields.find((field) => field.kind === "string")?.name;
}
