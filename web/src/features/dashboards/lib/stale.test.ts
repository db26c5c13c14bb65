import { describe, expect, it, vi } from "vitest";
import { QueryClient, QueryObserver } from "@tanstack/react-query";
import { widgetDataPrefix } from "../api/analytics-api";
import { refetchStaleWidgets, staleWidgetIds } from "./stale";

describe("staleWidgetIds", () => {
  it("keeps the reported widgets that the dashboard has", () => {
    expect(staleWidgetIds(["b", "gone"], ["a", "b", "c"])).toEqual(["b"]);
  });

  it("reads an empty report as every widget", () => {
    expect(staleWidgetIds([], ["a", "b"])).toEqual(["a", "b"]);
  });
});

describe("refetchStaleWidgets", () => {
  it("refetches the data of the stale widgets only", async () => {
    const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity } } });
    const fetchers = { a: vi.fn(async () => "a"), b: vi.fn(async () => "b"), c: vi.fn(async () => "c") };
    const unsubscribers = (["a", "b", "c"] as const).map((id) => {
      const observer = new QueryObserver(queryClient, { queryKey: [...widgetDataPrefix("d1", id), "query", { shardType: "t" }], queryFn: fetchers[id] });
      return observer.subscribe(() => undefined);
    });
    // Another dashboard's widget with the same id is not touched.
    const other = vi.fn(async () => "other");
    unsubscribers.push(new QueryObserver(queryClient, { queryKey: [...widgetDataPrefix("d2", "a"), "query"], queryFn: other }).subscribe(() => undefined));
    await vi.waitFor(() => expect(["a", "b", "c"].every((id) => queryClient.getQueryState([...widgetDataPrefix("d1", id), "query", { shardType: "t" }])?.status === "success")).toBe(true));

    const refetched = await refetchStaleWidgets(queryClient, "d1", ["a", "c"], ["a", "b", "c"]);

    expect(refetched).toEqual(["a", "c"]);
    expect(fetchers.a).toHaveBeenCalledTimes(2);
    expect(fetchers.b).toHaveBeenCalledTimes(1);
    expect(fetchers.c).toHaveBeenCalledTimes(2);
    expect(other).toHaveBeenCalledTimes(1);
    unsubscribers.forEach((unsubscribe) => unsubscribe());
  });
});
