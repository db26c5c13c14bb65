import { useEffect } from "react";
import { t } from "@/lib/i18n";

/** The browser tab's title for a page: `Page · Castiel` (the app's name alone without one). */
export function documentTitle(page?: string): string {
  return page ? t("live.pageTitle", { page }) : t("app.name");
}

/**
 * Sets the tab's title while the page is shown. Passive effects run children first and after
 * the shell's layout effect, so a page's own title wins over the shell's section title.
 */
export function useDocumentTitle(page: string | undefined) {
  useEffect(() => {
    if (page !== undefined) document.title = documentTitle(page);
  }, [page]);
}
