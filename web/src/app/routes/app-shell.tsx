import { Link, Outlet, useMatches, useRouterState } from "@tanstack/react-router";
import { Menu as MenuIcon, X } from "lucide-react";
import { useDeferredValue, useEffect, useId, useLayoutEffect, useRef, useState } from "react";
import { buttonClasses } from "@/components/ui/button";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/menu";
import { PathLink } from "@/components/ui/path-link";
import { useMe } from "@/features/auth/api/use-session";
import { NotificationBell } from "@/features/notifications/components/notification-bell";
import { GlobalSearch } from "@/features/search/components/global-search";
import { documentTitle } from "@/lib/document-title";
import { t } from "@/lib/i18n";
import { useRealtimeReady } from "@/lib/realtime";
import { canAdminister } from "@/lib/roles";
import { cn } from "@/lib/utils";

const NAV = [
  { to: "/shards", label: "nav.shards" },
  { to: "/dashboards", label: "nav.dashboards" },
  { to: "/search", label: "nav.search" },
  { to: "/import", label: "nav.import" },
  { to: "/admin", label: "nav.admin" },
] as const;

/**
 * The signed-in layout: the header (navigation, which collapses into a menu button below 640 px,
 * the live indicator, the notification bell and the account menu) and the page.
 */
export function AppShell() {
  const pathname = useRouterState({ select: (state) => state.location.pathname });
  const [menuOpen, setMenuOpen] = useState(false);
  const menuButton = useRef<HTMLButtonElement>(null);
  const menuId = useId();
  const user = useMe().data?.user;
  // The router commits its first page in one synchronous render. The page and the header's tools
  // follow in a second, deferred render, which React splits into short tasks: the frame paints first.
  const started = useDeferredValue(true, false);
  useSectionTitle();

  // A link was followed: the page changed, the menu has done its job.
  useEffect(() => setMenuOpen(false), [pathname]);

  useEffect(() => {
    if (!menuOpen) return;
    function onKeyDown(event: KeyboardEvent) {
      if (event.key === "Escape") {
        setMenuOpen(false);
        menuButton.current?.focus();
      }
    }
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, [menuOpen]);

  return (
    <div className="flex min-h-dvh flex-col">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-background focus:px-3 focus:py-2 focus:ring-2 focus:ring-ring"
      >
        {t("app.skipToContent")}
      </a>
      <header className="border-b border-border bg-card">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-2">
          <button
            ref={menuButton}
            type="button"
            className={cn(buttonClasses("ghost", "sm"), "px-2 sm:hidden")}
            aria-expanded={menuOpen}
            aria-controls={menuId}
            aria-label={menuOpen ? t("live.menuClose") : t("live.menuOpen")}
            onClick={() => setMenuOpen((open) => !open)}
          >
            {menuOpen ? <X aria-hidden="true" className="size-5" /> : <MenuIcon aria-hidden="true" className="size-5" />}
          </button>
          <Link to="/" className="rounded-md text-lg font-semibold text-primary focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring">
            {t("app.name")}
          </Link>
          <nav aria-label={t("nav.label")} className={cn("order-last w-full sm:order-none sm:w-auto", !menuOpen && "hidden sm:block")}>
            <ul id={menuId} className="flex flex-col gap-1 pb-2 sm:flex-row sm:flex-wrap sm:pb-0">
              {/* The admin section only for those who may use it (the pages say "not allowed" to others). */}
              {NAV.filter((item) => item.to !== "/admin" || canAdminister(user?.roles)).map((item) => (
                <li key={item.to}>
                  <Link
                    to={item.to}
                    className="block rounded-md px-3 py-2 text-sm hover:bg-muted focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
                    activeProps={{ className: "bg-muted font-semibold text-primary", "aria-current": "page" }}
                  >
                    {t(item.label)}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
          <div className="ml-auto flex items-center gap-2">
            {started && (
              <>
                <GlobalSearch />
                <LiveIndicator />
                <NotificationBell />
                <UserMenu />
              </>
            )}
          </div>
        </div>
      </header>
      <main id="main" tabIndex={-1} className="mx-auto w-full max-w-7xl flex-1 px-4 py-6 focus:outline-none">
        {started && <Outlet />}
      </main>
    </div>
  );
}

/** The tab's title from the route's section; a page with its own useDocumentTitle overrides it. */
function useSectionTitle() {
  // Only the section is selected: the matches themselves change with every load step of every
  // route, and each change would otherwise re-render the whole shell.
  const section = useMatches({
    select: (matches) => [...matches].reverse().map((match) => match.staticData.section).find(Boolean),
  });
  const pathname = useRouterState({ select: (state) => state.location.pathname });
  useLayoutEffect(() => {
    document.title = documentTitle(section ? t(section) : undefined);
  }, [section, pathname]);
}

/** Whether the /ws connection is up: live changes by others appear without a reload. */
function LiveIndicator() {
  const ready = useRealtimeReady();
  return (
    <span
      className="hidden items-center gap-1.5 text-xs text-muted-foreground md:inline-flex"
      title={ready ? t("live.connectedHint") : t("live.offlineHint")}
      data-testid="live-indicator"
      data-ready={ready}
    >
      <span aria-hidden="true" className={cn("size-2 rounded-full", ready ? "bg-success" : "bg-muted-foreground")} />
      {ready ? t("live.connected") : t("live.offline")}
    </span>
  );
}

function initials(name: string): string {
  const parts = name.split(/[\s@._-]+/).filter(Boolean);
  return ((parts[0]?.[0] ?? "") + (parts[1]?.[0] ?? "")).toUpperCase() || "?";
}

/** The account menu: who is signed in (and where), the account page, sign-out. */
function UserMenu() {
  const me = useMe();
  const user = me.data?.user;
  const name = user?.name || user?.email || "";
  return (
    <DropdownMenu>
      <DropdownMenuTrigger className={cn(buttonClasses("ghost", "sm"), "gap-2 px-1.5")}>
        {/* Named by hidden text, not aria-label: the initials shown are not part of the name. */}
        <span className="sr-only">{t("live.userMenu", { name })}</span>
        <span
          aria-hidden="true"
          className="grid size-7 place-items-center rounded-full bg-primary text-xs font-semibold text-primary-foreground"
        >
          {initials(name)}
        </span>
        <span aria-hidden="true" className="hidden max-w-40 truncate lg:inline">
          {name}
        </span>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end" className="w-64">
        <DropdownMenuLabel className="grid gap-0.5 text-sm font-normal text-foreground">
          <span className="truncate font-medium">{t("shell.signedInAs", { name })}</span>
          {me.data?.tenant?.name && <span className="truncate text-xs text-muted-foreground">{t("shell.tenant", { name: me.data.tenant.name })}</span>}
        </DropdownMenuLabel>
        <DropdownMenuSeparator />
        <DropdownMenuItem asChild>
          <PathLink href="/account">{t("live.account")}</PathLink>
        </DropdownMenuItem>
        <DropdownMenuItem asChild>
          <Link to="/sign-out">{t("shell.signOut")}</Link>
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
