import { queryOptions } from "@tanstack/react-query";
import { api, call } from "@/lib/api";
import type { GraphData } from "../lib/graph-model";

/** `GET /shards/{id}/graph`: the shards within `depth` relationships (of `types`, or all) and the edges between them. */
export function graphQuery(id: string, depth: number, types: string[] | undefined) {
  return queryOptions({
    queryKey: ["graph", id, depth, types ?? null],
    queryFn: async (): Promise<GraphData> => {
      const graph = await call(
        api.GET("/api/v1/shards/{id}/graph", {
          params: { path: { id }, query: { depth, ...(types && types.length > 0 && { types }) } },
        }),
      );
      return { nodes: graph.nodes ?? [], edges: graph.edges ?? [] };
    },
  });
}
