import { createRoute, lazyRouteComponent } from "@tanstack/react-router";
import { appRoute } from "./root";

const importRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/import",
  staticData: { section: "nav.import" },
  component: lazyRouteComponent(() => import("@/features/imports/routes/import-page"), "ImportPage"),
});

export const importsRoutes = [importRoute] as const;
