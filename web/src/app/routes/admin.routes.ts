import { createRoute, lazyRouteComponent, redirect } from "@tanstack/react-router";
import { auditFiltersOf, type AuditFilters } from "@/features/admin/api/audit-query";
import { appRoute, optionalString } from "./root";

/** The administration area; its layout shows "not allowed" to anyone but owners and admins. */
const adminRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/admin",
  staticData: { section: "nav.admin" },
  component: lazyRouteComponent(() => import("@/features/admin/components/admin-layout"), "AdminLayout"),
});

const adminIndexRoute = createRoute({
  getParentRoute: () => adminRoute,
  path: "/",
  beforeLoad: () => {
    throw redirect({ to: "/admin/shard-types", replace: true });
  },
});

const shardTypesRoute = createRoute({
  getParentRoute: () => adminRoute,
  path: "/shard-types",
  component: lazyRouteComponent(() => import("@/features/admin/routes/shard-types-page"), "ShardTypesPage"),
});

const newShardTypeRoute = createRoute({
  getParentRoute: () => adminRoute,
  path: "/shard-types/new",
  validateSearch: (search: Record<string, unknown>): { parent?: string | undefined } => ({ parent: optionalString(search.parent) }),
  component: lazyRouteComponent(() => import("@/features/admin/routes/shard-type-editor-page"), "NewShardTypePage"),
});

const editShardTypeRoute = createRoute({
  getParentRoute: () => adminRoute,
  path: "/shard-types/$name",
  component: lazyRouteComponent(() => import("@/features/admin/routes/shard-type-editor-page"), "EditShardTypePage"),
});

const usersRoute = createRoute({
  getParentRoute: () => adminRoute,
  path: "/users",
  component: lazyRouteComponent(() => import("@/features/admin/routes/users-page"), "UsersPage"),
});

const apiKeysRoute = createRoute({
  getParentRoute: () => adminRoute,
  path: "/api-keys",
  component: lazyRouteComponent(() => import("@/features/admin/routes/api-keys-page"), "ApiKeysPage"),
});

const webhooksRoute = createRoute({
  getParentRoute: () => adminRoute,
  path: "/webhooks",
  component: lazyRouteComponent(() => import("@/features/admin/routes/webhooks-page"), "WebhooksPage"),
});

const webhookRoute = createRoute({
  getParentRoute: () => adminRoute,
  path: "/webhooks/$id",
  component: lazyRouteComponent(() => import("@/features/admin/routes/webhook-page"), "WebhookPage"),
});

const jobsRoute = createRoute({
  getParentRoute: () => adminRoute,
  path: "/jobs",
  component: lazyRouteComponent(() => import("@/features/admin/routes/jobs-page"), "JobsPage"),
});

const notificationRulesRoute = createRoute({
  getParentRoute: () => adminRoute,
  path: "/notification-rules",
  component: lazyRouteComponent(() => import("@/features/admin/routes/notification-rules-page"), "NotificationRulesPage"),
});

const ssoRoute = createRoute({
  getParentRoute: () => adminRoute,
  path: "/sso",
  component: lazyRouteComponent(() => import("@/features/admin/routes/sso-page"), "SsoPage"),
});

const auditLogsRoute = createRoute({
  getParentRoute: () => adminRoute,
  path: "/audit-logs",
  validateSearch: (search: Record<string, unknown>): AuditFilters => auditFiltersOf(search),
  component: lazyRouteComponent(() => import("@/features/admin/routes/audit-logs-page"), "AuditLogsPage"),
});

/** The signed-in person's own settings (any role). */
const accountRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/account",
  component: lazyRouteComponent(() => import("@/features/auth/routes/account-page"), "AccountPage"),
});

export const adminRoutes = [
  accountRoute,
  adminRoute.addChildren([
    adminIndexRoute,
    shardTypesRoute,
    newShardTypeRoute,
    editShardTypeRoute,
    usersRoute,
    apiKeysRoute,
    webhooksRoute,
    webhookRoute,
    jobsRoute,
    notificationRulesRoute,
    ssoRoute,
    auditLogsRoute,
  ]),
] as const;
