import { dateTimeFormat, numberFormat } from "@/lib/format";
import { t } from "@/lib/i18n";

export const LOCALE = "en";

/** A number as a metric's format says: `number`, `percent` (a fraction: 0.25 is 25 %), `currency:EUR`. */
export function formatValue(value: number | null | undefined, format?: string | null, currency?: string | null): string {
  if (value === null || value === undefined || Number.isNaN(value)) return "—";
  const code = format?.startsWith("currency:") ? format.slice("currency:".length) : currency;
  if (format === "percent") {
    return numberFormat({ style: "percent", maximumFractionDigits: 1 }, LOCALE).format(value);
  }
  if (code && /^[A-Z]{3}$/.test(code)) {
    // Cents matter on small amounts only.
    const digits = Math.abs(value) >= 1000 ? 0 : 2;
    return numberFormat({ style: "currency", currency: code, minimumFractionDigits: digits, maximumFractionDigits: digits }, LOCALE).format(value);
  }
  return numberFormat({ maximumFractionDigits: 2 }, LOCALE).format(value);
}

/** A number in little room (axis ticks): 12.5K, 3.1M. */
export function formatCompact(value: number): string {
  return numberFormat({ notation: "compact", maximumFractionDigits: 1 }, LOCALE).format(value);
}

export type Change = { text: string; direction: "up" | "down" | "flat" | "none"; label: string };

/**
 * The change against the previous period, as the server gives it ((value - previous) / |previous|):
 * "+12.5%", "−3%", "0%"; none when there was nothing to compare with (previous 0 or missing).
 */
export function formatChange(change: number | null | undefined): Change {
  if (change === null || change === undefined || !Number.isFinite(change)) {
    return { text: "—", direction: "none", label: t("dashboards.kpi.noPrevious") };
  }
  const percent = numberFormat({ style: "percent", maximumFractionDigits: 1 }, LOCALE).format(Math.abs(change));
  if (Math.abs(change) < 0.0005) {
    return { text: percent, direction: "flat", label: t("dashboards.kpi.flat") };
  }
  const up = change > 0;
  const text = `${up ? "+" : "−"}${percent}`;
  return { text, direction: up ? "up" : "down", label: t(up ? "dashboards.kpi.up" : "dashboards.kpi.down", { change: percent }) };
}

const DATE = dateTimeFormat({ year: "numeric", month: "short", day: "numeric", timeZone: "UTC" }, LOCALE);
const MONTH = dateTimeFormat({ year: "numeric", month: "short", timeZone: "UTC" }, LOCALE);
const YEAR = dateTimeFormat({ year: "numeric", timeZone: "UTC" }, LOCALE);

/** A group's label: date buckets by their size ("Nov 2026", "Q4 2026"), empty groups as "(none)". */
export function formatGroup(value: unknown, column: { name?: string; type?: string } | undefined): string {
  if (value === null || value === undefined || value === "") return t("dashboards.value.none");
  if (column?.type === "date" && typeof value === "string") {
    const date = new Date(value.length === 10 ? `${value}T00:00:00Z` : value);
    if (Number.isNaN(date.getTime())) return value;
    const bucket = column.name?.split(":").pop();
    if (bucket === "month") return MONTH.format(date);
    if (bucket === "year") return YEAR.format(date);
    if (bucket === "quarter") return `Q${Math.floor(date.getUTCMonth() / 3) + 1} ${date.getUTCFullYear()}`;
    return DATE.format(date);
  }
  if (typeof value === "boolean") return value ? t("common.yes") : t("common.no");
  if (typeof value === "number") return formatValue(value);
  if (Array.isArray(value)) return value.join(", ");
  return String(value);
}

/**
 * A column's name for people: "related:has_opportunity:in.name" is "name (has_opportunity)",
 * "closeDate:month" is "closeDate (month)"; measures and plain fields stay as they are.
 */
export function columnLabel(name: string | undefined): string {
  if (!name) return "";
  const related = /^related:([^:]+):(?:out|in)\.(.+?)(?::(day|week|month|quarter|year))?$/.exec(name);
  if (related) return `${related[2]}${related[3] ? ` (${related[3]})` : ""} (${related[1]})`;
  const bucket = /^(.+):(day|week|month|quarter|year)$/.exec(name);
  return bucket ? `${bucket[1]} (${bucket[2]})` : name;
}
