import { describe, expect, it } from "vitest";
import { QueryClient } from "@tanstack/react-query";
import { applyShardEvent, shardKeys, shardOf, type ListParams, type Shard } from "./shards-api";

const params: ListParams = { type: "c_account", where: [], sort: "-createdAt" };

function raw(id: string, revision: number, name: string) {
  return { id, shardType: "c_account", revision, status: "active", structuredData: { name }, unstructuredData: null, metadata: null, acl: [] };
}

function setup() {
  const queryClient = new QueryClient();
  queryClient.setQueryData(shardKeys.list(params), {
    pages: [{ items: [shardOf(raw("a", 1, "Acme")), shardOf(raw("b", 4, "Beta"))], nextCursor: "c1" }],
    pageParams: [undefined],
  });
  queryClient.setQueryData(shardKeys.detail("a"), shardOf(raw("a", 1, "Acme")));
  return queryClient;
}

const rows = (queryClient: QueryClient) =>
  queryClient.getQueryData<{ pages: { items: Shard[] }[] }>(shardKeys.list(params))!.pages[0]!.items.map((s) => `${s.id}:${s.revision}:${String(s.structuredData.name)}`);

describe("live shard events in the query cache", () => {
  it("replace an updated shard in the loaded list and the detail, without refetching the list", () => {
    const queryClient = setup();
    applyShardEvent(queryClient, "shard.updated", raw("a", 2, "Acme Corp"));

    expect(rows(queryClient)).toEqual(["a:2:Acme Corp", "b:4:Beta"]);
    expect(queryClient.getQueryData<Shard>(shardKeys.detail("a"))?.structuredData).toEqual({ name: "Acme Corp" });
    expect(queryClient.getQueryState(shardKeys.list(params))?.isInvalidated).toBe(false);
  });

  it("refetch filtered lists after an update, which may no longer match", () => {
    const queryClient = setup();
    const filtered: ListParams = { ...params, where: ["name:eq:Acme"] };
    queryClient.setQueryData(shardKeys.list(filtered), { pages: [{ items: [shardOf(raw("a", 1, "Acme"))] }], pageParams: [undefined] });
    applyShardEvent(queryClient, "shard.updated", raw("a", 2, "Acme Corp"));
    expect(queryClient.getQueryState(shardKeys.list(filtered))?.isInvalidated).toBe(true);
    expect(queryClient.getQueryState(shardKeys.list(params))?.isInvalidated).toBe(false);
  });

  it("never go back to an older revision (events can arrive after the page's own save)", () => {
    const queryClient = setup();
    applyShardEvent(queryClient, "shard.updated", raw("b", 3, "Old Beta"));
    expect(rows(queryClient)).toEqual(["a:1:Acme", "b:4:Beta"]);
  });

  it("refetch lists when shards are created, deleted or restored (the rows themselves change)", () => {
    const queryClient = setup();
    applyShardEvent(queryClient, "shard.created", raw("c", 1, "Gamma"));
    expect(queryClient.getQueryState(shardKeys.list(params))?.isInvalidated).toBe(true);
  });
});
