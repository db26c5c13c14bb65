import type { components } from "@/lib/api";

export type Shard = components["schemas"]["Shard"];
export type Relationship = components["schemas"]["Relationship"];
export type GraphData = { nodes: Shard[]; edges: Relationship[] };

export const EMPTY_GRAPH: GraphData = { nodes: [], edges: [] };

/**
 * The union of neighbourhoods: each shard and each relationship once (by id; the later copy,
 * fetched last, wins), in the order first met, and only edges whose two ends are in the graph.
 */
export function mergeGraphs(...graphs: (GraphData | undefined)[]): GraphData {
  const nodes = new Map<string, Shard>();
  const edges = new Map<string, Relationship>();
  for (const graph of graphs) {
    for (const node of graph?.nodes ?? []) {
      if (node.id) nodes.set(node.id, node);
    }
    for (const edge of graph?.edges ?? []) {
      const key = edge.id ?? `${edge.sourceId}>${edge.type}>${edge.targetId}`;
      edges.set(key, edge);
    }
  }
  return {
    nodes: [...nodes.values()],
    edges: [...edges.values()].filter((edge) => !!edge.sourceId && !!edge.targetId && nodes.has(edge.sourceId) && nodes.has(edge.targetId)),
  };
}

/** The relationship types in a graph, sorted. */
export function relationshipTypes(graph: GraphData): string[] {
  return [...new Set(graph.edges.map((edge) => edge.type).filter((type): type is string => !!type))].sort();
}

/** How many relationships touch each shard. */
export function degrees(graph: GraphData): Map<string, number> {
  const counts = new Map<string, number>();
  for (const edge of graph.edges) {
    for (const end of [edge.sourceId, edge.targetId]) {
      if (end) counts.set(end, (counts.get(end) ?? 0) + 1);
    }
  }
  return counts;
}

/** The types the filter sends: none (all types) when every known type is checked. */
export function typesParam(selected: string[] | undefined, known: string[]): string[] | undefined {
  if (!selected || known.every((type) => selected.includes(type))) {
    return undefined;
  }
  return [...selected].sort();
}
