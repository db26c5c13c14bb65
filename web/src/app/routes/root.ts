import type { QueryClient } from "@tanstack/react-query";
import { createRootRouteWithContext, createRoute, lazyRouteComponent, Outlet, redirect } from "@tanstack/react-router";
import { getSessionState, startupSession } from "@/lib/api";
import { NotFound } from "./not-found";
import { RouteError } from "./route-error";
import { RoutePending } from "./route-pending";

export type RouterContext = { queryClient: QueryClient };

/** A search parameter that is a non-empty string, or undefined. */
export function optionalString(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

export const rootRoute = createRootRouteWithContext<RouterContext>()({
  component: Outlet,
  notFoundComponent: NotFound,
  errorComponent: RouteError,
  pendingComponent: RoutePending,
});

/** Everything behind sign-in: the app shell and its pages. */
export const appRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: "app",
  beforeLoad: async ({ location }) => {
    await startupSession();
    if (getSessionState().status !== "signedIn") {
      throw redirect({ to: "/sign-in", search: { redirect: location.href }, replace: true });
    }
  },
  pendingComponent: RoutePending,
  component: lazyRouteComponent(() => import("./app-shell"), "AppShell"),
});

export const homeRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/",
  component: lazyRouteComponent(() => import("./home"), "Home"),
});


/** The main navigation's sections; a route names its own in `staticData.section`. */
export type Section = "nav.shards" | "nav.dashboards" | "nav.search" | "nav.import" | "nav.admin" | "nav.notifications";

/** A section whose pages are not built yet. */
export function placeholderRoute<P extends string>(path: P, section: Section) {
  return createRoute({
    getParentRoute: () => appRoute,
    path,
    staticData: { section },
    component: lazyRouteComponent(() => import("./placeholder"), "Placeholder"),
  });
}
