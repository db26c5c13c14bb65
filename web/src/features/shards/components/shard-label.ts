import type { Shard } from "../api/shards-api";
import { displayValue } from "../lib/schema";

const NAME_FIELDS = ["name", "title", "subject", "lastName", "label"];

/** A shard's human name without its schema at hand (relationship ends, search results). */
export function shardLabel(shard: Pick<Shard, "id" | "structuredData">): string {
  for (const field of NAME_FIELDS) {
    const value = displayValue(shard.structuredData[field]);
    if (value) return value;
  }
  return shard.id.slice(0, 8);
}
