/** When a thing happened, as the API gives it (an ISO-8601 string) or as a time value. */
export type Instant = string | number | Date | null | undefined;

/**
 * `locale`: undefined is the viewer's. `fallback`: the text when there is no time at all; a time
 * that does not parse is shown as it came, so that a surprise from the server stays readable.
 */
export type InstantOptions = { locale?: string; fallback?: string };

// Building an Intl formatter costs far more than using one, and tables, lists and charts format
// every cell on every render: one formatter per kind, locale and set of options, made once.
const formatters = new Map<string, unknown>();
function cached<F>(kind: string, locale: string | undefined, options: object, make: () => F): F {
  const key = `${kind} ${locale ?? ""} ${JSON.stringify(options)}`;
  let formatter = formatters.get(key) as F | undefined;
  if (!formatter) {
    formatter = make();
    formatters.set(key, formatter);
  }
  return formatter;
}

export function dateTimeFormat(options: Intl.DateTimeFormatOptions, locale?: string): Intl.DateTimeFormat {
  return cached("date", locale, options, () => new Intl.DateTimeFormat(locale, options));
}

export function numberFormat(options: Intl.NumberFormatOptions = {}, locale?: string): Intl.NumberFormat {
  return cached("number", locale, options, () => new Intl.NumberFormat(locale, options));
}

export function relativeTimeFormat(options: Intl.RelativeTimeFormatOptions = {}, locale?: string): Intl.RelativeTimeFormat {
  return cached("relative", locale, options, () => new Intl.RelativeTimeFormat(locale, options));
}

function formatInstant(value: Instant, format: Intl.DateTimeFormatOptions, { locale, fallback = "" }: InstantOptions): string {
  if (value === null || value === undefined || value === "") return fallback;
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) return String(value);
  return dateTimeFormat(format, locale).format(date);
}

/** "Dec 7, 2026, 3:30 PM": a date and time in little room. */
export function formatDateTime(value: Instant, options: InstantOptions = {}): string {
  return formatInstant(value, { dateStyle: "medium", timeStyle: "short" }, options);
}

/** "Dec 7, 2026". */
export function formatDate(value: Instant, options: InstantOptions = {}): string {
  return formatInstant(value, { dateStyle: "medium" }, options);
}

/** "12/7/2026, 3:30:05 PM", to the second, as `Date.toLocaleString()` writes it: for a record's own times. */
export function formatTimestamp(value: Instant, options: InstantOptions = {}): string {
  return formatInstant(value, { year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric", second: "numeric" }, options);
}

const STEPS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["second", 60],
  ["minute", 60],
  ["hour", 24],
  ["day", 7],
];

/** "2 minutes ago" within a week of `now`, then the date and time; nothing for a missing or broken time. */
export function formatRelative(value: Instant, now = Date.now(), locale?: string): string {
  if (value === null || value === undefined || value === "") return "";
  const time = value instanceof Date ? value.getTime() : typeof value === "number" ? value : Date.parse(value);
  if (!Number.isFinite(time)) return "";
  let amount = Math.round((time - now) / 1000);
  for (const [unit, size] of STEPS) {
    if (Math.abs(amount) < size) return relativeTimeFormat({ numeric: "auto" }, locale).format(amount, unit);
    amount = Math.round(amount / size);
  }
  return formatDateTime(time, { locale });
}

/** "1,234.5": a plain number with the locale's grouping. */
export function formatNumber(value: number, locale?: string): string {
  return numberFormat({}, locale).format(value);
}
