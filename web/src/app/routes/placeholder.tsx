import { useMatches } from "@tanstack/react-router";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { useDocumentTitle } from "@/lib/document-title";
import { t } from "@/lib/i18n";

/** A section that is not built yet. */
export function Placeholder() {
  const matches = useMatches();
  const section = [...matches].reverse().map((match) => match.staticData.section).find(Boolean) ?? "nav.shards";
  useDocumentTitle(t(section));
  return (
    <section>
      <PageHeader title={t(section)} />
      <EmptyState title={t("shell.comingSoon", { section: t(section) })} />
    </section>
  );
}
