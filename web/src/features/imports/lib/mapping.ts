/** What a field of the type holds, read from its JSON Schema, as far as converting a cell needs. */
export type FieldKind = "string" | "number" | "integer" | "boolean" | "date" | "date-time" | "array" | "object" | "any";

export type FieldSpec = { name: string; title?: string | undefined; kind: FieldKind; required: boolean };

/**
 * Where a column goes: a field of `structuredData`, the shard's free text, its tags, or nowhere
 * (the empty string).
 */
export type Target = `field:${string}` | "text" | "tags" | "";

export type Mapping = Record<string, Target>;

function kindOf(property: Record<string, unknown>): FieldKind {
  const declared = Array.isArray(property.type) ? property.type.find((type) => type !== "null") : property.type;
  switch (declared) {
    case "integer":
    case "number":
    case "boolean":
    case "array":
    case "object":
      return declared;
    case "string":
      return property.format === "date" ? "date" : property.format === "date-time" ? "date-time" : "string";
    default:
      return "any";
  }
}

/** The top-level fields of a type's effective JSON Schema, required ones first, each group in schema order. */
export function fieldsOf(schema: unknown): FieldSpec[] {
  if (!schema || typeof schema !== "object") {
    return [];
  }
  const { properties, required } = schema as { properties?: Record<string, unknown>; required?: unknown };
  const requiredNames = new Set(Array.isArray(required) ? required.filter((name): name is string => typeof name === "string") : []);
  const fields = Object.entries(properties ?? {}).map(([name, value]): FieldSpec => {
    const property = value && typeof value === "object" ? (value as Record<string, unknown>) : {};
    return {
      name,
      title: typeof property.title === "string" ? property.title : undefined,
      kind: kindOf(property),
      required: requiredNames.has(name),
    };
  });
  return [...fields.filter((field) => field.required), ...fields.filter((field) => !field.required)];
}

/** A name for matching: lower case without spaces, underscores, hyphens or dots ("Annual revenue" = "annual_revenue" = "annualRevenue"). */
export function normalizeName(name: string): string {
  return name.toLowerCase().replace(/[\s_\-.]+/g, "");
}

/**
 * The mapping proposed for a file's columns: each column to the field whose name (or title)
 * matches it case-, space- and underscore-insensitively, a column named "text" to the shard's
 * text and "tags" to its tags when the type has no such field; each field taken once, by the
 * first column that matches it.
 */
export function suggestMapping(columns: string[], fields: FieldSpec[]): Mapping {
  const byName = new Map<string, string>();
  for (const field of fields) {
    byName.set(normalizeName(field.name), field.name);
  }
  for (const field of fields) {
    if (field.title && !byName.has(normalizeName(field.title))) {
      byName.set(normalizeName(field.title), field.name);
    }
  }
  const taken = new Set<string>();
  const mapping: Mapping = {};
  for (const column of columns) {
    const key = normalizeName(column);
    const field = byName.get(key);
    let target: Target = "";
    if (field && !taken.has(`field:${field}`)) {
      target = `field:${field}`;
    } else if ((key === "text" || key === "tags") && !taken.has(key)) {
      target = key;
    }
    if (target) {
      taken.add(target);
    }
    mapping[column] = target;
  }
  return mapping;
}

/** The required fields no column is mapped to (the server would reject every row). */
export function unmappedRequired(mapping: Mapping, fields: FieldSpec[]): FieldSpec[] {
  const mapped = new Set(Object.values(mapping));
  return fields.filter((field) => field.required && !mapped.has(`field:${field.name}`));
}
