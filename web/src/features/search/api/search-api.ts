import { queryOptions, useQuery } from "@tanstack/react-query";
import { api, call } from "@/lib/api";

export type SearchMode = "hybrid" | "keyword" | "semantic";
export const SEARCH_MODES: SearchMode[] = ["hybrid", "keyword", "semantic"];

/**
 * `POST /search`: shards matching `query`, best first. With `allWords`, keyword search (and hybrid's
 * keyword half) finds only shards that have every word, rather than ranking those with any.
 */
export function searchQuery(query: string, mode: SearchMode, types: string[] | undefined, limit: number, allWords = false) {
  return queryOptions({
    queryKey: ["search", query, mode, types ?? null, limit, allWords],
    queryFn: async () => {
      const hits = await call(
        api.POST("/api/v1/search", {
          body: { query, mode, limit, ...(allWords && { match: "all" as const }), ...(types && types.length > 0 && { types }) },
        }),
      );
      return hits.items ?? [];
    },
    enabled: query.trim() !== "",
    staleTime: 30_000,
  });
}

export function useShardTypes() {
  return useQuery({
    queryKey: ["shard-types"],
    queryFn: () => call(api.GET("/api/v1/shard-types")),
    staleTime: 60_000,
  });
}

/** `POST /ask`: an answer grounded in the tenant's shards, with the shards it cites. */
export function ask(question: string, types: string[] | undefined) {
  return call(api.POST("/api/v1/ask", { body: { question, ...(types && types.length > 0 && { types }) } }));
}

/** A shard (for a citation's title); cached with the other features' shard queries. */
export function shardQuery(id: string) {
  return queryOptions({
    queryKey: ["search", "shard", id],
    queryFn: () => call(api.GET("/api/v1/shards/{id}", { params: { path: { id } } })),
    staleTime: 60_000,
    retry: false,
  });
}
