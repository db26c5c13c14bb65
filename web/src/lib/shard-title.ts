/** The fields that name a shard, in the order people expect to see them. */
const TITLE_FIELDS = ["name", "title", "subject", "displayName", "label", "email"] as const;

type Titled = { id?: string; shardType?: string; structuredData?: unknown };

/** A short display text of any structuredData value. */
export function displayValue(value: unknown): string {
  if (value === undefined || value === null) return "";
  if (Array.isArray(value)) return value.map(displayValue).join(", ");
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

/**
 * A human title for a shard without its schema at hand: its name, title or subject (the built-in
 * types all have one), a contact's first and last name, or else its type and the start of its id.
 */
export function shardTitle(shard: Titled): string {
  const data = shard.structuredData;
  if (data && typeof data === "object" && !Array.isArray(data)) {
    const fields = data as Record<string, unknown>;
    for (const field of TITLE_FIELDS) {
      const value = displayValue(fields[field]).trim();
      if (value) {
        return value;
      }
    }
    const person = [fields.firstName, fields.lastName]
      .map((part) => displayValue(part).trim())
      .filter(Boolean)
      .join(" ");
    if (person) {
      return person;
    }
  }
  return `${shard.shardType ?? "shard"} ${(shard.id ?? "").slice(0, 8)}`.trim();
}

/** The path of a shard's page (`/shards/$id`), for links from other features. */
export function shardPath(id: string): string {
  return `/shards/${encodeURIComponent(id)}`;
}
