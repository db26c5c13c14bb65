import { Link } from "@tanstack/react-router";
import { buttonClasses } from "@/components/ui/button";
import { t } from "@/lib/i18n";

export function NotFound() {
  return (
    <main id="main" className="mx-auto flex min-h-dvh max-w-md flex-col items-center justify-center gap-4 p-6 text-center">
      <h1 className="text-2xl font-semibold">{t("notFound.title")}</h1>
      <Link to="/" className={buttonClasses("outline")}>
        {t("notFound.back")}
      </Link>
    </main>
  );
}
