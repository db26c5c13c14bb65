import { useMatches } from "@tanstack/react-router";
import { t } from "@/lib/i18n";

/** A section that is not built yet. */
export function Placeholder() {
  const matches = useMatches();
  const section = [...matches].reverse().map((match) => match.staticData.section).find(Boolean) ?? "nav.shards";
  return (
    <section className="grid gap-2">
      <h1 className="text-2xl font-semibold">{t(section)}</h1>
      <p className="text-muted-foreground">{t("shell.comingSoon", { section: t(section) })}</p>
    </section>
  );
}
