import type { QueryClient } from "@tanstack/react-query";
import { widgetDataPrefix } from "../api/analytics-api";

/**
 * The widgets to refetch after `dashboard.stale`: those it names, or every widget when it names
 * none (the server sends all ids when the dashboard itself changed; an empty list is read the same).
 */
export function staleWidgetIds(reported: readonly string[], widgetIds: readonly string[]): string[] {
  const known = new Set(widgetIds);
  const named = reported.filter((id) => known.has(id));
  return reported.length === 0 ? [...widgetIds] : named;
}

/** Refetches the data of the stale widgets of a dashboard, and only theirs. */
export async function refetchStaleWidgets(queryClient: QueryClient, dashboardId: string, reported: readonly string[], widgetIds: readonly string[]) {
  const stale = staleWidgetIds(reported, widgetIds);
  await Promise.all(stale.map((id) => queryClient.invalidateQueries({ queryKey: widgetDataPrefix(dashboardId, id) })));
  return stale;
}
