import { t } from "@/lib/i18n";

/** A timestamp in the viewer's locale and time zone, or "Never" when absent. */
export function formatDateTime(value: string | undefined | null): string {
  if (!value) return t("admin.never");
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : date.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}
