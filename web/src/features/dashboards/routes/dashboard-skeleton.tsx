import { Skeleton } from "@/components/ui/skeleton";
import { t } from "@/lib/i18n";

export function DashboardSkeleton() {
  return (
    <div role="status" className="grid gap-4">
      <span className="sr-only">{t("dashboards.loading")}</span>
      <Skeleton className="h-8 w-64" />
      <div className="grid gap-3 sm:grid-cols-2">
        <Skeleton className="h-72" />
        <Skeleton className="h-72" />
      </div>
    </div>
  );
}
