import type { ReactNode } from "react";
import { ErrorState } from "@/components/ui/error-state";
import { Skeleton } from "@/components/ui/skeleton";
import { t } from "@/lib/i18n";

/** A widget body that is loading: the shape of content, and one polite announcement. */
export function WidgetLoading() {
  return (
    <div role="status" className="grid h-full min-h-16 gap-2">
      <span className="sr-only">{t("dashboards.widget.loading")}</span>
      <Skeleton className="h-6 w-1/3" />
      <Skeleton className="min-h-10 flex-1" />
    </div>
  );
}

export function WidgetEmpty({ children }: { children?: ReactNode }) {
  return <p className="grid h-full place-items-center text-sm text-muted-foreground">{children ?? t("dashboards.widget.noData")}</p>;
}

export function WidgetError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  return <ErrorState error={error} {...(onRetry && { onRetry })} />;
}
