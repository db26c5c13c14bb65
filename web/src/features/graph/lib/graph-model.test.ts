import { describe, expect, it } from "vitest";
import { degrees, mergeGraphs, relationshipTypes, typesParam, type GraphData } from "./graph-model";

const shard = (id: string, name = id, revision = 1) => ({ id, shardType: "c_account", structuredData: { name }, revision }) as GraphData["nodes"][number];
const edge = (id: string, sourceId: string, targetId: string, type = "has_contact") => ({ id, sourceId, targetId, type });

describe("merging neighbourhoods", () => {
  it("keeps each shard and relationship once, the later copy winning, in the order first met", () => {
    const base: GraphData = { nodes: [shard("a"), shard("b")], edges: [edge("e1", "a", "b")] };
    const expansion: GraphData = { nodes: [shard("b", "B renamed", 2), shard("c")], edges: [edge("e1", "a", "b"), edge("e2", "b", "c", "reports_to")] };
    const merged = mergeGraphs(base, expansion);
    expect(merged.nodes.map((node) => node.id)).toEqual(["a", "b", "c"]);
    expect(merged.nodes[1]).toMatchObject({ structuredData: { name: "B renamed" }, revision: 2 });
    expect(merged.edges.map((e) => e.id)).toEqual(["e1", "e2"]);
  });

  it("drops edges whose ends are not in the graph and ignores missing graphs", () => {
    const merged = mergeGraphs(undefined, { nodes: [shard("a")], edges: [edge("e1", "a", "gone")] });
    expect(merged).toEqual({ nodes: [shard("a")], edges: [] });
  });

  it("lists the relationship types and counts each shard's relationships", () => {
    const graph = mergeGraphs({ nodes: [shard("a"), shard("b"), shard("c")], edges: [edge("e1", "a", "b", "reports_to"), edge("e2", "a", "c")] });
    expect(relationshipTypes(graph)).toEqual(["has_contact", "reports_to"]);
    expect(Object.fromEntries(degrees(graph))).toEqual({ a: 2, b: 1, c: 1 });
  });
});

describe("the type filter", () => {
  it("sends no types when all known types are checked, else the checked ones", () => {
    expect(typesParam(undefined, ["a", "b"])).toBeUndefined();
    expect(typesParam(["b", "a"], ["a", "b"])).toBeUndefined();
    expect(typesParam(["b"], ["a", "b"])).toEqual(["b"]);
  });
});
