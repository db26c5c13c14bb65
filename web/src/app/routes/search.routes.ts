import { createRoute, lazyRouteComponent } from "@tanstack/react-router";
import type { SearchPageSearch } from "@/features/search/routes/search-page";
import { appRoute, optionalString } from "./root";

const searchRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/search",
  staticData: { section: "nav.search" },
  validateSearch: (search: Record<string, unknown>): SearchPageSearch => {
    const list = Array.isArray(search.types) ? search.types : typeof search.types === "string" ? search.types.split(",") : [];
    const types = list.filter((type): type is string => typeof type === "string" && type !== "");
    return {
      q: optionalString(search.q),
      mode: search.mode === "keyword" || search.mode === "semantic" || search.mode === "hybrid" ? search.mode : undefined,
      types: types.length > 0 ? types : undefined,
      all: search.all === true || search.all === "true" ? true : undefined,
      tab: search.tab === "ask" ? "ask" : undefined,
    };
  },
  component: lazyRouteComponent(() => import("@/features/search/routes/search-page"), "SearchPage"),
});

export const searchRoutes = [searchRoute] as const;
