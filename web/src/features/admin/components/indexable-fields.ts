const SCALAR = new Set(["string", "number", "integer", "boolean"]);

/** A property's scalar type, also when it may be null (`["string", "null"]`); undefined for others. */
function scalarType(type: unknown): string | undefined {
  if (typeof type === "string") return SCALAR.has(type) ? type : undefined;
  if (Array.isArray(type)) {
    const kinds = type.filter((kind) => kind !== "null");
    return kinds.length === 1 && typeof kinds[0] === "string" && SCALAR.has(kinds[0]) ? kinds[0] : undefined;
  }
  return undefined;
}

/**
 * The JSON pointers a type can list in `indexedFields`: its scalar fields (strings, numbers,
 * booleans; dates are strings), nested objects' included, in the schema's order. Arrays are left
 * out: the server indexes one value per shard.
 */
export function indexableFields(schema: unknown, prefix = ""): string[] {
  if (typeof schema !== "object" || schema === null) return [];
  const properties = (schema as { properties?: unknown }).properties;
  if (typeof properties !== "object" || properties === null) return [];
  const pointers: string[] = [];
  for (const [name, property] of Object.entries(properties as Record<string, unknown>)) {
    if (typeof property !== "object" || property === null) continue;
    const pointer = `${prefix}/${name.replaceAll("~", "~0").replaceAll("/", "~1")}`;
    const type = (property as { type?: unknown }).type;
    if (scalarType(type)) pointers.push(pointer);
    else if (type === "object") pointers.push(...indexableFields(property, pointer));
  }
  return pointers;
}
