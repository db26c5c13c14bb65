import { useDeferredValue } from "react";
import { Link, useNavigate, useParams } from "@tanstack/react-router";
import { ArrowLeft } from "lucide-react";
import { buttonClasses } from "@/components/ui/button";
import { ErrorState } from "@/components/ui/error-state";
import { ApiError } from "@/lib/api";
import { t } from "@/lib/i18n";
import { canEdit, useCurrentUser, useDashboard, useDefaultDashboardId } from "../api/dashboards-api";
import { DashboardActions } from "../components/dashboard-actions";
import { DashboardView } from "../components/dashboard-view";
import { DashboardSkeleton } from "./dashboard-skeleton";

/** One dashboard, by its id in the path. */
export function DashboardPage() {
  const { id } = useParams({ strict: false }) as { id?: string };
  return id ? <DashboardById id={id} /> : null;
}

/** A dashboard with its menu: used by its own page and by the home page (the default dashboard). */
export function DashboardById({ id, onHome = false }: { id: string; onHome?: boolean }) {
  const navigate = useNavigate();
  const dashboard = useDashboard(id);
  const user = useCurrentUser();
  const defaultId = useDefaultDashboardId();
  // The query's answer arrives in a synchronous render; the grid and its widgets are built from a
  // deferred copy, in a render that yields to the browser.
  const data = useDeferredValue(dashboard.data);

  if (dashboard.isPending || (data === undefined && !dashboard.isError)) return <DashboardSkeleton />;
  if (dashboard.isError) {
    return (
      <div className="grid gap-4">
        <h1 className="text-2xl font-semibold">{t("dashboards.notFound")}</h1>
        <ErrorState
          error={dashboard.error}
          {...(!(dashboard.error instanceof ApiError && dashboard.error.status === 404) && { onRetry: () => void dashboard.refetch() })}
        />
        <Link to="/dashboards" className={buttonClasses("outline")}>
          {t("dashboards.backToList")}
        </Link>
      </div>
    );
  }
  const editable = canEdit(dashboard.data, user.data);
  return (
    <DashboardView
      dashboard={dashboard.data}
      editable={editable}
      actions={
        <>
          {onHome ? (
            <Link to="/dashboards" className={buttonClasses("outline")}>
              {t("dashboards.all")}
            </Link>
          ) : (
            <Link to="/dashboards" className={buttonClasses("ghost")}>
              <ArrowLeft aria-hidden="true" className="size-4" />
              {t("dashboards.all")}
            </Link>
          )}
          <DashboardActions
            dashboard={dashboard.data}
            editable={editable}
            isDefault={defaultId.data === dashboard.data.id}
            afterDelete={() => void navigate({ to: "/dashboards" })}
          />
        </>
      }
    />
  );
}
