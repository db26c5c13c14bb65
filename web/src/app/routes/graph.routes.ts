import { createRoute, lazyRouteComponent } from "@tanstack/react-router";
import type { GraphSearch } from "@/features/graph/routes/graph-page";
import { appRoute } from "./root";

const RELATIONSHIP_TYPE = /^[a-z][a-z0-9_]{1,62}$/;

function typesOf(value: unknown): string[] | undefined {
  const list = Array.isArray(value) ? value : typeof value === "string" && value !== "" ? value.split(",") : [];
  const types = list.filter((type): type is string => typeof type === "string" && RELATIONSHIP_TYPE.test(type));
  return types.length > 0 ? types : undefined;
}

const graphRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/graph/$id",
  staticData: { section: "nav.shards" },
  validateSearch: (search: Record<string, unknown>): GraphSearch => {
    const depth = Number(search.depth);
    return {
      depth: depth === 1 || depth === 3 ? depth : 2,
      types: typesOf(search.types),
    };
  },
  component: lazyRouteComponent(() => import("@/features/graph/routes/graph-page"), "GraphPage"),
});

export const graphRoutes = [graphRoute] as const;
