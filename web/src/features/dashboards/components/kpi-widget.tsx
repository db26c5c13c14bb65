import { useDeferredValue } from "react";
import { ArrowDownRight, ArrowUpRight, Minus } from "lucide-react";
import { t } from "@/lib/i18n";
import { cn } from "@/lib/utils";
import { useMetricDefinition, useMetricValue, useWidgetQuery } from "../api/analytics-api";
import type { DashboardWidget } from "../api/types";
import { formatChange, formatValue } from "../lib/format";
import { formatMeasure, shapeOf } from "../lib/result";
import { WidgetEmpty, WidgetError, WidgetLoading } from "./widget-parts";

/** One number: a saved metric (with its change against the previous period) or a query's first measure. */
export function KpiWidget({ widget, scope }: { widget: DashboardWidget; scope: string }) {
  return widget.metricId ? <MetricKpi widget={widget} scope={scope} /> : <QueryKpi widget={widget} scope={scope} />;
}

function MetricKpi({ widget, scope }: { widget: DashboardWidget; scope: string }) {
  const value = useMetricValue(scope, widget);
  const definition = useMetricDefinition(widget.metricId);
  if (value.isPending) return <WidgetLoading />;
  if (value.isError) return <WidgetError error={value.error} onRetry={() => void value.refetch()} />;
  const format = value.data.format ?? definition.data?.format;
  const text = formatValue(value.data.value, format, value.data.currency);
  const change = formatChange(value.data.change);
  const previous = formatValue(value.data.previous, format, value.data.currency);
  return (
    <KpiFigure
      value={text}
      caption={definition.data?.displayName}
      change={change}
      previous={value.data.previous === undefined || value.data.previous === null ? undefined : t("dashboards.kpi.previous", { value: previous })}
    />
  );
}

function QueryKpi({ widget, scope }: { widget: DashboardWidget; scope: string }) {
  const result = useWidgetQuery(scope, widget);
  // Shown from a deferred render, which yields to the browser (as the charts do).
  const deferred = useDeferredValue(result.data);
  if (!widget.query) return <WidgetEmpty />;
  if (result.isPending || (deferred === undefined && !result.isError)) return <WidgetLoading />;
  if (result.isError) return <WidgetError error={result.error} onRetry={() => void result.refetch()} />;
  const shape = shapeOf(widget.query, result.data);
  const row = result.data.rows?.[0];
  const measure = shape.measures[0];
  if (!row || !measure) return <KpiFigure value={formatValue(0, widget.options?.format)} />;
  return <KpiFigure value={formatMeasure(shape, row, measure, widget.options?.format)} />;
}

export function KpiFigure({
  value,
  caption,
  change,
  previous,
}: {
  value: string;
  caption?: string | undefined;
  change?: ReturnType<typeof formatChange> | undefined;
  previous?: string | undefined;
}) {
  const Icon = change?.direction === "up" ? ArrowUpRight : change?.direction === "down" ? ArrowDownRight : Minus;
  return (
    <div className="flex h-full flex-col justify-center gap-1">
      <p className="text-3xl font-semibold tabular-nums" data-testid="kpi-value">
        {value}
      </p>
      {caption && <p className="text-xs text-muted-foreground">{caption}</p>}
      {change && change.direction === "none" && <p className="text-xs text-muted-foreground">{change.label}</p>}
      {change && change.direction !== "none" && (
        <p
          className={cn(
            "flex flex-wrap items-center gap-1 text-sm",
            change.direction === "up" && "text-success",
            change.direction === "down" && "text-destructive",
            change.direction === "flat" && "text-muted-foreground",
          )}
        >
          <Icon aria-hidden="true" className="size-4" />
          <span aria-hidden="true">{change.text}</span>
          <span className="sr-only">{change.label}</span>
          {previous && <span className="text-muted-foreground">{previous}</span>}
        </p>
      )}
    </div>
  );
}
