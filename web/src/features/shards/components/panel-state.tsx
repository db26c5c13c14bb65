import type { ReactNode } from "react";
import type { UseQueryResult } from "@tanstack/react-query";
import { ErrorState } from "@/components/ui/error-state";
import { SkeletonRows } from "@/components/ui/skeleton";
import { t } from "@/lib/i18n";

type PanelStateProps<T> = {
  query: UseQueryResult<T[]>;
  /** Skeleton rows while loading: about as many as the list usually has, so the tab does not jump. */
  rows: number;
  empty: ReactNode;
  children: (items: T[]) => ReactNode;
};

/** A detail tab's list while it loads, fails or is empty; the list itself once there is one. */
export function PanelState<T>({ query, rows, empty, children }: PanelStateProps<T>) {
  if (query.isPending) return <SkeletonRows label={t("common.loading")} rows={rows} />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  if (query.data.length === 0) return <>{empty}</>;
  return <>{children(query.data)}</>;
}
