import type { AnalyticsQuery, AnalyticsResult } from "../api/types";
import { formatGroup, formatValue } from "./format";

type Column = { name: string; type: string };

/**
 * How the columns of an analytics answer split up: the groupings first (one per groupBy), then a
 * `currency` column per money field measured, the measures, and `skipped` (rows whose value was not
 * a number) when something numeric was measured.
 */
export type ResultShape = {
  columns: Column[];
  groups: number[];
  currencies: number[];
  measures: { index: number; fn: string; money: boolean }[];
};

const NOT_MONEY = new Set(["count", "countDistinct"]);

export function shapeOf(query: AnalyticsQuery, result: AnalyticsResult): ResultShape {
  const columns = (result.columns ?? []).map((c) => ({ name: c.name ?? "", type: c.type ?? "string" }));
  const groupCount = Math.min(query.groupBy?.length ?? 0, columns.length);
  const measureCount = query.measures?.length ?? 0;
  const last = columns[columns.length - 1];
  const hasSkipped = columns.length > groupCount + measureCount && last?.name === "skipped";
  const measureStart = Math.max(groupCount, columns.length - measureCount - (hasSkipped ? 1 : 0));
  const currencies = range(groupCount, measureStart);
  return {
    columns,
    groups: range(0, groupCount),
    currencies,
    measures: range(measureStart, measureStart + measureCount).map((index, i) => {
      const fn = query.measures?.[i]?.fn ?? "count";
      return { index, fn, money: currencies.length === 1 && !NOT_MONEY.has(fn) };
    }),
  };
}

function range(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from) }, (_, i) => from + i);
}

/** A measure's cell, in its row's currency when it measures money. */
export function formatMeasure(shape: ResultShape, row: unknown[], measure: ResultShape["measures"][number], format?: string | null): string {
  const value = row[measure.index];
  const currencyIndex = shape.currencies[0];
  const currency = measure.money && currencyIndex !== undefined ? row[currencyIndex] : null;
  return typeof value === "number" ? formatValue(value, format, typeof currency === "string" ? currency : null) : formatGroup(value, undefined);
}

/** A row's label: its groups (and its currency when the rows mix currencies), e.g. "proposal · EUR". */
export function labelOf(shape: ResultShape, row: unknown[]): string {
  const parts = shape.groups.map((index) => formatGroup(row[index], shape.columns[index]));
  for (const index of shape.currencies) {
    if (typeof row[index] === "string") parts.push(row[index] as string);
  }
  return parts.join(" · ");
}

export type ChartPoint = { label: string; value: number; display: string };

/** One point per row for a chart: the row's label and its first measure. */
export function chartPoints(query: AnalyticsQuery, result: AnalyticsResult, format?: string | null): { shape: ResultShape; points: ChartPoint[] } {
  const shape = shapeOf(query, result);
  const measure = shape.measures[0];
  const distinctCurrencies = new Set((result.rows ?? []).map((row) => (shape.currencies[0] !== undefined ? row[shape.currencies[0]] : null)));
  const points = (result.rows ?? []).map((row) => {
    const value = measure ? row[measure.index] : null;
    const label = distinctCurrencies.size > 1 ? labelOf(shape, row) : shape.groups.map((i) => formatGroup(row[i], shape.columns[i])).join(" · ");
    return {
      label: label || (measure ? shape.columns[measure.index]?.name ?? "" : ""),
      value: typeof value === "number" ? value : 0,
      display: measure ? formatMeasure(shape, row, measure, format) : "",
    };
  });
  return { shape, points };
}
