import type { QueryClient } from "@tanstack/react-query";
import { createRouter, type RouterHistory } from "@tanstack/react-router";
import { adminRoutes } from "./routes/admin.routes";
import { authRoutes } from "./routes/auth.routes";
import { dashboardsRoutes } from "./routes/dashboards.routes";
import { graphRoutes } from "./routes/graph.routes";
import { importsRoutes } from "./routes/imports.routes";
import { notificationsRoutes } from "./routes/notifications.routes";
import { appRoute, homeRoute, rootRoute, type Section } from "./routes/root";
import { searchRoutes } from "./routes/search.routes";
import { shardsRoutes } from "./routes/shards.routes";

export type { RouterContext } from "./routes/root";

// Each feature's routes live in routes/<feature>.routes.ts, its pages in src/features/<feature>,
// loaded on demand (lazyRouteComponent) so that the sign-in route stays small.
const routeTree = rootRoute.addChildren([
  ...authRoutes,
  appRoute.addChildren([
    homeRoute,
    ...shardsRoutes,
    ...dashboardsRoutes,
    ...searchRoutes,
    ...graphRoutes,
    ...importsRoutes,
    ...adminRoutes,
    ...notificationsRoutes,
  ]),
]);

export function createAppRouter(queryClient: QueryClient, history?: RouterHistory) {
  return createRouter({
    routeTree,
    context: { queryClient },
    ...(history && { history }),
    defaultPreload: "intent",
    scrollRestoration: true,
  });
}

declare module "@tanstack/react-router" {
  interface Register {
    router: ReturnType<typeof createAppRouter>;
  }
  interface StaticDataRouteOption {
    section?: Section;
  }
}
