import { earlyFetch } from "@/lib/api/early";

/** The widget kinds whose data is the analytics answer of their `query` (useWidgetQuery). */
const QUERY_KINDS = new Set(["kpi", "bar", "line", "pie", "table", "list"]);

type EarlyWidget = { kind?: string; query?: unknown; metricId?: string | null };

/**
 * Before the app has loaded, on the home page of a signed-in user: starts the requests the default
 * dashboard will make (its id, the dashboard, its widgets' queries), which would otherwise each
 * wait for the previous step to render.
 */
export function preloadHomeDashboard(): void {
  void earlyFetch("GET", "/api/v1/me/default-dashboard").then(async (answer) => {
    const id = (answer as { dashboardId?: string | null } | undefined)?.dashboardId;
    if (!id) return;
    const dashboard = (await earlyFetch("GET", `/api/v1/dashboards/${encodeURIComponent(id)}`)) as { widgets?: EarlyWidget[] } | undefined;
    for (const widget of dashboard?.widgets ?? []) {
      // Sent exactly as the widget sends it (a KPI of a saved metric asks for the metric instead).
      if (widget.query && QUERY_KINDS.has(widget.kind ?? "") && !(widget.kind === "kpi" && widget.metricId)) {
        void earlyFetch("POST", "/api/v1/analytics/query", widget.query);
      }
    }
  });
}
