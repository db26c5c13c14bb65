import { useQuery } from "@tanstack/react-query";
import { api, ApiError, call, NetworkError, type components } from "@/lib/api";
import type { NewShardItem } from "../lib/coerce";
import type { ItemResult } from "../lib/run-import";

export type ShardType = components["schemas"]["ShardType"];

export function useShardTypes() {
  return useQuery({
    queryKey: ["shard-types"],
    queryFn: () => call(api.GET("/api/v1/shard-types")),
    staleTime: 60_000,
  });
}

/** One type with its effective schema (merged with its parents'): the fields a column can map to. */
export function useShardType(name: string | undefined) {
  return useQuery({
    queryKey: ["shard-types", name],
    queryFn: () => call(api.GET("/api/v1/shard-types/{name}", { params: { path: { name: name! } } })),
    enabled: !!name,
    staleTime: 60_000,
  });
}

const sleep = (milliseconds: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, milliseconds);
    signal?.addEventListener("abort", () => {
      clearTimeout(timer);
      resolve();
    });
  });

/**
 * Sends one chunk with `POST /shards/bulk`. The Idempotency-Key names the import and the chunk,
 * so a chunk repeated after a lost answer is not created twice; a 429 waits as told, a network
 * failure or a 5xx is tried twice more before the chunk is given up.
 */
export function bulkSender(importId: string, signal?: AbortSignal) {
  return async (items: NewShardItem[], chunkNumber: number): Promise<ItemResult[]> => {
    let attempt = 0;
    for (;;) {
      try {
        const answer = await call(
          api.POST("/api/v1/shards/bulk", {
            params: { header: { "Idempotency-Key": `${importId}-${chunkNumber}` } },
            // The generated type of a raw item is Jackson's JsonNode; the items are plain create bodies.
            body: { items: items as unknown as components["schemas"]["JsonNode"][] },
          }),
        );
        return answer.results ?? [];
      } catch (error) {
        attempt++;
        const transient = error instanceof NetworkError || (error instanceof ApiError && (error.status >= 500 || error.status === 429));
        if (!transient || attempt > 2 || signal?.aborted) {
          throw error;
        }
        const wait = error instanceof ApiError && error.retryAfterSeconds ? error.retryAfterSeconds * 1000 : 1000 * attempt;
        await sleep(wait, signal);
        if (signal?.aborted) {
          throw error;
        }
      }
    }
  };
}
