import type { components } from "@/lib/api";

type Schemas = components["schemas"];

/** The body of POST /analytics/query, as generated from the server's OpenAPI document. */
export type AnalyticsQuery = Schemas["AggregationQuery"];
export type Measure = Schemas["Measure"];
export type AnalyticsResult = Schemas["AggregationResult"];
export type MetricDefinition = Schemas["MetricDefinition"];
export type MetricValue = Schemas["MetricValue"];
export type ShardType = Schemas["ShardType"];
export type Shard = Schemas["Shard"];
export type LayoutItem = Schemas["LayoutItem"] & { widgetId: string; x: number; y: number; w: number; h: number };

export const WIDGET_KINDS = ["kpi", "bar", "line", "pie", "table", "list", "activity", "search", "ask", "text"] as const;
export type WidgetKind = (typeof WIDGET_KINDS)[number];
/** Kinds drawn from an analytics query or a metric; the others get their data elsewhere. */
export const DATA_KINDS: readonly WidgetKind[] = ["kpi", "bar", "line", "pie", "table", "list"];

/** What a widget keeps in `options`: free-form on the server, these are the keys the web app reads. */
export type WidgetOptions = {
  /** text widgets: the text shown. */
  text?: string;
  /** activity, list: how many rows. */
  limit?: number;
  /** activity, search, ask: restrict to these shard types. */
  types?: string[];
  /** kpi from a query: the format of the value (number, percent, currency:EUR). */
  format?: string;
};

/**
 * A dashboard's widget. The OpenAPI document types `query` and `options` as opaque JSON (the server
 * reads them as trees), so they are narrowed here to what the API contract says they hold.
 */
export type DashboardWidget = Omit<Schemas["Widget"], "query" | "options" | "kind" | "id" | "title"> & {
  id: string;
  kind: WidgetKind;
  title: string;
  query?: AnalyticsQuery | null;
  metricId?: string | null;
  options?: WidgetOptions | null;
};

export type Dashboard = Omit<Schemas["Dashboard"], "widgets" | "layout" | "id" | "name" | "revision"> & {
  id: string;
  name: string;
  revision: number;
  layout: LayoutItem[];
  widgets: DashboardWidget[];
};

export type Visibility = "private" | "tenant" | "roles";

/** What a client sets on a dashboard (POST body, or a merge patch of some of it). */
export type DashboardInput = {
  name: string;
  description?: string;
  visibility: Visibility;
  roles?: string[];
  layout: LayoutItem[];
  widgets: DashboardWidget[];
};

/** The server's answer narrowed to the contract's shapes (the generated type has `unknown` JSON). */
export function asDashboard(value: Schemas["Dashboard"]): Dashboard {
  const raw = value as unknown as Partial<Dashboard>;
  return {
    ...raw,
    id: raw.id ?? "",
    name: raw.name ?? "",
    revision: raw.revision ?? 0,
    layout: raw.layout ?? [],
    widgets: raw.widgets ?? [],
  } as Dashboard;
}
