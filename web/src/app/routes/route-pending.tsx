import { Skeleton } from "@/components/ui/skeleton";
import { t } from "@/lib/i18n";

/** Shown while a page's code or the session loads (after the router's short grace period). */
export function RoutePending() {
  return (
    <div role="status" aria-live="polite" className="mx-auto grid w-full max-w-7xl gap-4 px-4 py-6">
      <span className="sr-only">{t("app.loading")}</span>
      <Skeleton className="h-8 w-48" />
      <Skeleton className="h-4 w-full max-w-md" />
      <Skeleton className="h-40 w-full" />
    </div>
  );
}
