import { Link, useParams } from "@tanstack/react-router";
import { ArrowLeft } from "lucide-react";
import { buttonClasses } from "@/components/ui/button";
import { ErrorState } from "@/components/ui/error-state";
import { t } from "@/lib/i18n";
import { useDashboardWatch } from "@/lib/realtime";
import { useQueryClient } from "@tanstack/react-query";
import { useDashboard } from "../api/dashboards-api";
import { refetchStaleWidgets } from "../lib/stale";
import { Widget } from "../components/widget";
import { DashboardSkeleton } from "./dashboard-skeleton";

/** One widget of a dashboard as a page of its own, live like on its dashboard. */
export function WidgetPage() {
  const { id = "", widgetId = "" } = useParams({ strict: false }) as { id?: string; widgetId?: string };
  const queryClient = useQueryClient();
  const dashboard = useDashboard(id);
  useDashboardWatch(id || undefined, (reported) => void refetchStaleWidgets(queryClient, id, reported, [widgetId]));

  if (dashboard.isPending) return <DashboardSkeleton />;
  const widget = dashboard.data?.widgets.find((candidate) => candidate.id === widgetId);
  const back = (
    <Link to="/dashboards/$id" params={{ id }} className={buttonClasses("ghost", "sm")}>
      <ArrowLeft aria-hidden="true" className="size-4" />
      {dashboard.data ? t("dashboards.backTo", { name: dashboard.data.name }) : t("dashboards.backToList")}
    </Link>
  );
  if (dashboard.isError || !widget) {
    return (
      <div className="grid gap-4">
        <h1 className="text-2xl font-semibold">{t("dashboards.widget.notFound")}</h1>
        {dashboard.isError && <ErrorState error={dashboard.error} />}
        <div>{back}</div>
      </div>
    );
  }
  return (
    <div className="grid gap-4">
      <div>{back}</div>
      <Widget widget={widget} scope={id} headingLevel={1} className="min-h-[70vh]" />
    </div>
  );
}
