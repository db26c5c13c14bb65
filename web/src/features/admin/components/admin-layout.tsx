import { Link, Outlet } from "@tanstack/react-router";
import { ShieldAlert } from "lucide-react";
import { buttonClasses } from "@/components/ui/button";
import { ErrorState } from "@/components/ui/error-state";
import { SkeletonRows } from "@/components/ui/skeleton";
import { useMe } from "@/features/auth/api/use-session";
import { t, type MessageKey } from "@/lib/i18n";
import { canAdminister } from "@/lib/roles";

const SECTIONS: { to: string; label: MessageKey }[] = [
  { to: "/admin/shard-types", label: "admin.nav.shardTypes" },
  { to: "/admin/users", label: "admin.nav.users" },
  { to: "/admin/api-keys", label: "admin.nav.apiKeys" },
  { to: "/admin/webhooks", label: "admin.nav.webhooks" },
  { to: "/admin/jobs", label: "admin.nav.jobs" },
  { to: "/admin/notification-rules", label: "admin.nav.notificationRules" },
  { to: "/admin/sso", label: "admin.nav.sso" },
  { to: "/admin/audit-logs", label: "admin.nav.auditLogs" },
];

/** What a member sees at an admin address: a plain explanation, never a broken page. */
export function NotAllowed() {
  return (
    <section className="mx-auto grid grid-cols-1 max-w-lg justify-items-center gap-3 py-12 text-center">
      <ShieldAlert aria-hidden="true" className="size-10 text-muted-foreground" />
      <h1 className="text-2xl font-semibold">{t("admin.notAllowed.title")}</h1>
      <p className="text-muted-foreground">{t("admin.notAllowed.body")}</p>
      <Link to="/" className={buttonClasses("outline")}>
        {t("admin.notAllowed.home")}
      </Link>
    </section>
  );
}

/**
 * The administration area: its sections' navigation and the page, for owners and admins only.
 * The server refuses the calls of anyone else anyway (403); this guard makes that a clear page.
 */
export function AdminLayout() {
  const me = useMe();
  if (me.isPending) return <SkeletonRows label={t("admin.loading")} rows={6} />;
  if (me.isError) return <ErrorState error={me.error} onRetry={() => void me.refetch()} />;
  if (!canAdminister(me.data.user?.roles)) return <NotAllowed />;
  return (
    <div className="grid grid-cols-1 gap-6 lg:grid-cols-[13rem_minmax(0,1fr)]">
      <nav aria-label={t("admin.subnav")}>
        <ul className="flex flex-wrap gap-1 lg:flex-col">
          {SECTIONS.map((section) => (
            <li key={section.to}>
              <Link
                to={section.to}
                className="block rounded-md px-3 py-2 text-sm hover:bg-muted focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
                activeProps={{ className: "bg-muted font-medium", "aria-current": "page" }}
              >
                {t(section.label)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <div className="min-w-0">
        <Outlet />
      </div>
    </div>
  );
}
