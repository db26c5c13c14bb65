import { Link } from "@tanstack/react-router";
import { buttonClasses } from "@/components/ui/button";
import { useDocumentTitle } from "@/lib/document-title";
import { t } from "@/lib/i18n";

/** Any path the app does not know (deep links to it land here after a reload too). */
export function NotFound() {
  useDocumentTitle(t("notFound.title"));
  return (
    <main id="main" tabIndex={-1} className="mx-auto flex min-h-dvh max-w-md flex-col items-center justify-center gap-4 p-6 text-center focus:outline-none">
      <p aria-hidden="true" className="text-5xl font-bold text-muted-foreground">
        404
      </p>
      <h1 className="text-2xl font-semibold">{t("notFound.title")}</h1>
      <p className="text-muted-foreground">{t("live.routeError.notFound")}</p>
      <Link to="/" className={buttonClasses("outline")}>
        {t("notFound.back")}
      </Link>
    </main>
  );
}
