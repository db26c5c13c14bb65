import { Link } from "@tanstack/react-router";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/error-state";
import { PageHeader } from "@/components/ui/page-header";
import { SkeletonRows } from "@/components/ui/skeleton";
import { Table, TableActionsHead, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { formatDate } from "@/lib/format";
import { t } from "@/lib/i18n";
import { canEdit, useCurrentUser, useDashboards, useDefaultDashboardId } from "../api/dashboards-api";
import { CreateDashboardButton } from "../components/create-dashboard";
import { DashboardActions } from "../components/dashboard-actions";
import { LOCALE } from "../lib/format";

/** The dashboards the user may see, with what can be done to each. */
export function DashboardsPage() {
  const dashboards = useDashboards();
  const defaultId = useDefaultDashboardId();
  const user = useCurrentUser();

  return (
    <div>
      <PageHeader title={t("dashboards.title")} description={t("dashboards.description")} actions={<CreateDashboardButton />} />
      {dashboards.isPending ? (
        <SkeletonRows label={t("dashboards.loadingList")} />
      ) : dashboards.isError ? (
        <ErrorState error={dashboards.error} onRetry={() => void dashboards.refetch()} />
      ) : dashboards.data.length === 0 ? (
        <EmptyState
          title={t("dashboards.empty.title")}
          description={t("dashboards.empty.body")}
          action={<CreateDashboardButton label={t("dashboards.empty.action")} />}
        />
      ) : (
        <Table>
          <caption className="sr-only">{t("dashboards.title")}</caption>
          <TableHeader>
            <TableRow>
              <TableHead>{t("dashboards.column.name")}</TableHead>
              <TableHead className="hidden md:table-cell">{t("dashboards.column.visibility")}</TableHead>
              <TableHead className="hidden md:table-cell">{t("dashboards.column.widgets")}</TableHead>
              <TableHead className="hidden sm:table-cell">{t("dashboards.column.updated")}</TableHead>
              <TableActionsHead label={t("dashboards.column.actions")} />
            </TableRow>
          </TableHeader>
          <TableBody>
            {dashboards.data.map((dashboard) => {
              const isDefault = defaultId.data === dashboard.id;
              return (
                <TableRow key={dashboard.id}>
                  <TableCell>
                    <div className="grid gap-0.5">
                      <span className="flex flex-wrap items-center gap-2">
                        <Link to="/dashboards/$id" params={{ id: dashboard.id }} className="font-medium text-primary hover:underline">
                          {dashboard.name}
                        </Link>
                        {isDefault && <Badge variant="outline">{t("dashboards.isDefault")}</Badge>}
                      </span>
                      {dashboard.description && <span className="text-xs text-muted-foreground">{dashboard.description}</span>}
                    </div>
                  </TableCell>
                  <TableCell className="hidden md:table-cell">
                    <Badge variant="secondary">
                      {t(`dashboards.visibility.${(dashboard.visibility ?? "private") as "private"}`)}
                      {dashboard.visibility === "roles" && dashboard.roles?.length ? `: ${dashboard.roles.join(", ")}` : ""}
                    </Badge>
                  </TableCell>
                  <TableCell className="hidden tabular-nums md:table-cell">{dashboard.widgets.length}</TableCell>
                  <TableCell className="hidden text-muted-foreground sm:table-cell">
                    {formatDate(dashboard.updatedAt, { locale: LOCALE })}
                  </TableCell>
                  <TableCell className="text-right">
                    <DashboardActions dashboard={dashboard} editable={canEdit(dashboard, user.data)} isDefault={isDefault} showOpen />
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      )}
    </div>
  );
}
