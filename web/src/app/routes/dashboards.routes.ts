import { createRoute, lazyRouteComponent } from "@tanstack/react-router";
import { appRoute } from "./root";

const dashboardsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/dashboards",
  staticData: { section: "nav.dashboards" },
  component: lazyRouteComponent(() => import("@/features/dashboards/routes/dashboards-page"), "DashboardsPage"),
});

const dashboardRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/dashboards/$id",
  staticData: { section: "nav.dashboards" },
  component: lazyRouteComponent(() => import("@/features/dashboards/routes/dashboard-page"), "DashboardPage"),
});

/** One widget full-page: every widget is also a page of its own. */
const widgetRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/dashboards/$id/widgets/$widgetId",
  staticData: { section: "nav.dashboards" },
  component: lazyRouteComponent(() => import("@/features/dashboards/routes/widget-page"), "WidgetPage"),
});

export const dashboardsRoutes = [dashboardsRoute, dashboardRoute, widgetRoute] as const;
