/**
 * What other features may use of dashboards: any widget as a standalone component (a chart, a
 * KPI, a table... drawn from an analytics query or a metric), and the widget's type.
 * `<Widget widget={{ id: "x", kind: "bar", title: "By stage", query: {...} }} />`
 */
export { Widget, WidgetBody } from "./components/widget";
export type { AnalyticsQuery, DashboardWidget, WidgetKind, WidgetOptions } from "./api/types";
