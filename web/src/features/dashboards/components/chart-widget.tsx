import { memo, useDeferredValue } from "react";
import { t } from "@/lib/i18n";
import { useWidgetQuery } from "../api/analytics-api";
import type { DashboardWidget } from "../api/types";
import { columnLabel, formatCompact } from "../lib/format";
import { chartPoints, type ChartPoint } from "../lib/result";
import { SvgChart } from "./svg-chart";
import { WidgetEmpty, WidgetError, WidgetLoading } from "./widget-parts";
import "./dashboards.css";

const PALETTE_SIZE = 6;
/** Beyond this many slices a pie is unreadable; the rest is summed up as "Other". */
const MAX_SLICES = 8;

/**
 * A bar, line or pie chart of a widget's query: the first grouping along the axis, the first
 * measure as the value, drawn as plain SVG (svg-chart.tsx). The drawing is one image for
 * assistive tech, labelled with a summary, and the same numbers follow as a visually hidden table.
 */
export function ChartWidget({ widget, scope }: { widget: DashboardWidget; scope: string }) {
  const result = useWidgetQuery(scope, widget);
  // Drawn from a deferred copy of the data, the first drawing yields to input and the other widgets.
  const data = useDeferredValue(result.data);
  if (!widget.query) return <WidgetEmpty />;
  if (result.isError) return <WidgetError error={result.error} onRetry={() => void result.refetch()} />;
  if (result.isPending || data === undefined) return <WidgetLoading />;
  return <ChartDrawing widget={widget} query={widget.query} data={data} />;
}

type ChartData = NonNullable<ReturnType<typeof useWidgetQuery>["data"]>;

/** The chart itself, re-drawn only when its widget or data change, not on the query's other changes (fetching, settled). */
const ChartDrawing = memo(function ChartDrawing({
  widget,
  query,
  data,
}: {
  widget: DashboardWidget;
  query: NonNullable<DashboardWidget["query"]>;
  data: ChartData;
}) {
  const { shape, points } = chartPoints(query, data, widget.options?.format);
  if (points.length === 0) return <WidgetEmpty />;
  const measureName = shape.measures[0] ? shape.columns[shape.measures[0].index]?.name ?? "" : "";
  const groupName = shape.groups[0] !== undefined ? columnLabel(shape.columns[shape.groups[0]]?.name) : "";
  const summary = t("dashboards.chart.summary", {
    kind: t(`dashboards.kind.${widget.kind}` as "dashboards.kind.bar"),
    title: widget.title || measureName,
    count: points.length,
    points: points.slice(0, 12).map((p) => `${p.label}: ${p.display}`).join("; "),
  });
  const shown = widget.kind === "pie" ? pieSlices(points) : points;
  return (
    <div className="flex h-full min-h-0 flex-col">
      <div role="img" aria-label={summary} className="min-h-0 flex-1" data-testid="chart">
        <SvgChart kind={widget.kind === "pie" ? "pie" : widget.kind === "line" ? "line" : "bar"} points={shown} />
      </div>
      {widget.kind === "pie" && (
        <ul className="mt-2 flex flex-wrap gap-x-3 gap-y-1 text-xs" aria-hidden="true">
          {shown.map((point, index) => (
            <li key={point.label} className="flex items-center gap-1">
              <span className="chart-swatch" data-index={index % PALETTE_SIZE} />
              {point.label}
            </li>
          ))}
        </ul>
      )}
      <table className="sr-only">
        <caption>{widget.title || measureName}</caption>
        <thead>
          <tr>
            <th scope="col">{groupName || t("dashboards.chart.group")}</th>
            <th scope="col">{measureName || t("dashboards.chart.value")}</th>
          </tr>
        </thead>
        <tbody>
          {points.map((point, index) => (
            <tr key={`${point.label}-${index}`}>
              <th scope="row">{point.label}</th>
              <td>{point.display}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
});

function pieSlices(points: ChartPoint[]): ChartPoint[] {
  if (points.length <= MAX_SLICES) return points;
  const sorted = [...points].sort((a, b) => b.value - a.value);
  const rest = sorted.slice(MAX_SLICES - 1).reduce((sum, p) => sum + p.value, 0);
  return [...sorted.slice(0, MAX_SLICES - 1), { label: t("dashboards.chart.other"), value: rest, display: formatCompact(rest) }];
}
