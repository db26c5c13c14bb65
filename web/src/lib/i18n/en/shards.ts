/** Shard lists, detail pages, forms, revisions and the graph. */
export const shards = {
} as const;
