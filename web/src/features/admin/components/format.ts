import { t } from "@/lib/i18n";

/** An ISO-8601 duration of the server ("PT1H30M", "PT10S") for people ("every 1 h 30 min"); anything else as it is. */
export function formatInterval(value: string | undefined | null): string {
  if (!value) return "—";
  const match = /^PT(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?$/.exec(value);
  if (!match || value === "PT") return value;
  const [, hours, minutes, seconds] = match;
  const parts = [
    hours && t("admin.unit.hours", { n: hours }),
    minutes && t("admin.unit.minutes", { n: minutes }),
    seconds && t("admin.unit.seconds", { n: seconds }),
  ].filter(Boolean);
  return t("admin.jobs.every", { interval: parts.join(" ") });
}
