import { useQuery } from "@tanstack/react-query";
import { api, call } from "@/lib/api";
import type { AnalyticsQuery, AnalyticsResult, DashboardWidget, MetricDefinition, MetricValue, Shard, ShardType } from "./types";

/**
 * Query keys of a widget's data. Every key of a widget starts with `widgetDataPrefix(scope, id)`,
 * so that a `dashboard.stale` for some widget ids refetches exactly those widgets.
 */
export function widgetDataPrefix(scope: string, widgetId: string) {
  return ["dashboards", "widget-data", scope, widgetId] as const;
}

export async function runAnalyticsQuery(query: AnalyticsQuery): Promise<AnalyticsResult> {
  // The same path answers CSV for Accept: text/csv; JSON is asked for, so the answer is the table.
  const answer = await call(api.POST("/api/v1/analytics/query", { body: query, params: { header: { Accept: "application/json" } } }));
  return answer as AnalyticsResult;
}

export async function getMetricValue(id: string): Promise<MetricValue> {
  return call(api.GET("/api/v1/metrics-definitions/{id}/value", { params: { path: { id }, query: { compareTo: "previousPeriod" } } }));
}

/** The analytics answer for a widget's query; `scope` is the dashboard id (or "preview", "standalone"). */
export function useWidgetQuery(scope: string, widget: Pick<DashboardWidget, "id" | "query">, enabled = true) {
  const query = widget.query ?? null;
  return useQuery({
    queryKey: [...widgetDataPrefix(scope, widget.id), "query", query],
    queryFn: () => runAnalyticsQuery(query as AnalyticsQuery),
    enabled: enabled && query !== null,
    placeholderData: (previous) => previous,
  });
}

export function useMetricValue(scope: string, widget: Pick<DashboardWidget, "id" | "metricId">) {
  const metricId = widget.metricId ?? null;
  return useQuery({
    queryKey: [...widgetDataPrefix(scope, widget.id), "metric", metricId],
    queryFn: () => getMetricValue(metricId ?? ""),
    enabled: metricId !== null,
    placeholderData: (previous) => previous,
  });
}

/** The newest shard changes the caller may read (the activity widget). */
export function useRecentShards(scope: string, widget: Pick<DashboardWidget, "id" | "options">) {
  const limit = Math.min(Math.max(widget.options?.limit ?? 10, 1), 50);
  const type = widget.options?.types?.[0];
  return useQuery({
    queryKey: [...widgetDataPrefix(scope, widget.id), "activity", limit, type ?? null],
    queryFn: async (): Promise<Shard[]> =>
      (await call(api.GET("/api/v1/shards", { params: { query: { sort: "-updatedAt", limit, ...(type && { type }) } } }))).items ?? [],
    placeholderData: (previous) => previous,
  });
}

export function useMetricDefinitions(enabled = true) {
  return useQuery({
    enabled,
    queryKey: ["dashboards", "metrics"],
    queryFn: async (): Promise<MetricDefinition[]> =>
      (await call(api.GET("/api/v1/metrics-definitions", { params: { query: { limit: 500 } } }))).items ?? [],
    staleTime: 60_000,
  });
}

export function useMetricDefinition(id: string | null | undefined) {
  return useQuery({
    queryKey: ["dashboards", "metric", id],
    queryFn: () => call(api.GET("/api/v1/metrics-definitions/{id}", { params: { path: { id: id ?? "" } } })),
    enabled: Boolean(id),
    staleTime: 60_000,
  });
}

export function useShardTypes(enabled = true) {
  return useQuery({
    enabled,
    queryKey: ["dashboards", "shard-types"],
    queryFn: async (): Promise<ShardType[]> => (await call(api.GET("/api/v1/shard-types"))).items ?? [],
    staleTime: 5 * 60_000,
  });
}
