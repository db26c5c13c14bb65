import { Link, Outlet } from "@tanstack/react-router";
import { buttonClasses } from "@/components/ui/button";
import { useMe } from "@/features/auth/api/use-session";
import { t } from "@/lib/i18n";
import { canAdminister } from "@/lib/roles";

const NAV = [
  { to: "/shards", label: "nav.shards" },
  { to: "/dashboards", label: "nav.dashboards" },
  { to: "/search", label: "nav.search" },
  { to: "/import", label: "nav.import" },
  { to: "/admin", label: "nav.admin" },
] as const;

/** The signed-in layout: header with the user and sign-out, the main navigation, the page. */
export function AppShell() {
  const me = useMe();
  const user = me.data?.user;
  return (
    <div className="flex min-h-dvh flex-col">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:rounded focus:bg-background focus:px-3 focus:py-2"
      >
        {t("app.skipToContent")}
      </a>
      <header className="border-b border-border bg-card">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
          <Link to="/" className="text-lg font-semibold text-primary">
            {t("app.name")}
          </Link>
          <nav aria-label={t("nav.label")} className="order-last w-full sm:order-none sm:w-auto">
            <ul className="flex flex-wrap gap-1">
              {/* The admin section only for those who may use it (the pages say "not allowed" to others). */}
              {NAV.filter((item) => item.to !== "/admin" || canAdminister(user?.roles)).map((item) => (
                <li key={item.to}>
                  <Link
                    to={item.to}
                    className="rounded-md px-3 py-2 text-sm hover:bg-muted focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
                    activeProps={{ className: "bg-muted font-medium", "aria-current": "page" }}
                  >
                    {t(item.label)}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
          <div className="ml-auto flex items-center gap-3 text-sm">
            {user && (
              <Link to="/account" className="text-muted-foreground underline-offset-4 hover:underline" title={user.email}>
                {t("shell.signedInAs", { name: user.name || user.email || "" })}
              </Link>
            )}
            <Link to="/sign-out" className={buttonClasses("outline", "sm")}>
              {t("shell.signOut")}
            </Link>
          </div>
        </div>
      </header>
      <main id="main" tabIndex={-1} className="mx-auto w-full max-w-7xl flex-1 px-4 py-6">
        <Outlet />
      </main>
    </div>
  );
}
