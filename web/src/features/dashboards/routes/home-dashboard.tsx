import { lazy, Suspense } from "react";
import { Link } from "@tanstack/react-router";
import { buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/error-state";
import { t } from "@/lib/i18n";
import { useDefaultDashboardId } from "../api/dashboards-api";
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
    </section>
  );
}
