import { lazy, Suspense } from "react";
import { Link } from "@tanstack/react-router";
import { buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/error-state";
import { t } from "@/lib/i18n";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toast";
import { errorMessage } from "@/lib/api";
import { useDashboards, useDefaultDashboardId, useSetDefaultDashboard } from "../api/dashboards-api";
import { CreateDashboardButton } from "../components/create-dashboard";
import { DashboardSkeleton } from "./dashboard-skeleton";

// The grid, widgets and editor load only when there is a default dashboard to show.
const DashboardById = lazy(() => import("./dashboard-page").then((module) => ({ default: module.DashboardById })));

/** The home page: the user's default dashboard, or how to get one. */
export function HomeDashboard({ greeting }: { greeting: string }) {
  const defaultId = useDefaultDashboardId();
  if (defaultId.isPending) return <DashboardSkeleton />;
  if (defaultId.isSuccess && defaultId.data) {
    return (
      <Suspense fallback={<DashboardSkeleton />}>
        <DashboardById id={defaultId.data} onHome />
      </Suspense>
    );
  }
  return (
    <section className="grid gap-6">
      <div className="grid gap-1">
        <h1 className="text-2xl font-semibold tracking-tight">{greeting}</h1>
        <p className="text-sm text-muted-foreground">{t("dashboards.home.intro")}</p>
      </div>
      {defaultId.isError && <ErrorState error={defaultId.error} onRetry={() => void defaultId.refetch()} />}
      <EmptyState
        title={t("dashboards.home.noDefault")}
        description={t("dashboards.home.noDefaultBody")}
        action={
          <div className="flex flex-wrap justify-center gap-2">
            <CreateDashboardButton label={t("dashboards.home.create")} />
            <Link to="/dashboards" className={buttonClasses("outline")}>
              {t("dashboards.home.browse")}
            </Link>
          </div>
        }
      />
      <DefaultChoices />
    </section>
  );
}

/** The dashboards the user already sees, each one click away from being the home page's. */
function DefaultChoices() {
  const dashboards = useDashboards();
  const setDefault = useSetDefaultDashboard();
  const notify = useToast();
  if (!dashboards.isSuccess || dashboards.data.length === 0) return null;
  return (
    <section aria-labelledby="home-choices" className="grid gap-2">
      <h2 id="home-choices" className="text-lg font-medium">
        {t("dashboards.home.choose")}
      </h2>
      <ul className="grid gap-2 sm:grid-cols-2">
        {dashboards.data.slice(0, 6).map((dashboard) => (
          <li key={dashboard.id} className="flex items-center justify-between gap-3 rounded-lg border border-border bg-card p-3">
            <div className="grid min-w-0 gap-0.5">
              <Link to="/dashboards/$id" params={{ id: dashboard.id }} className="truncate font-medium text-primary hover:underline">
                {dashboard.name}
              </Link>
              {dashboard.description && <span className="truncate text-xs text-muted-foreground">{dashboard.description}</span>}
            </div>
            <Button
              variant="outline"
              size="sm"
              disabled={setDefault.isPending}
              aria-label={t("dashboards.home.useNamed", { name: dashboard.name })}
              onClick={() => setDefault.mutate(dashboard.id, { onError: (error) => notify(errorMessage(error), "error") })}
            >
              {t("dashboards.home.use")}
            </Button>
          </li>
        ))}
      </ul>
    </section>
  );
}
