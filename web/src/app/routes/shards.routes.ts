import { createRoute, lazyRouteComponent } from "@tanstack/react-router";
import type { ShardListSearch } from "@/features/shards/lib/list-search";
import { appRoute, optionalString } from "./root";

/** A search parameter that is a list of non-empty strings (the router writes arrays as JSON; a lone string is a list of one). */
function stringList(value: unknown): string[] | undefined {
  const list = (Array.isArray(value) ? value : [value]).filter((item): item is string => typeof item === "string" && item !== "");
  return list.length > 0 ? list : undefined;
}

/** `/shards` picks a type; `/shards?type=c_account&where=...&sort=...&columns=...` is that type's list. */
const shardsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/shards",
  staticData: { section: "nav.shards" },
  validateSearch: (search: Record<string, unknown>): ShardListSearch => ({
    type: optionalString(search.type),
    where: stringList(search.where),
    sort: optionalString(search.sort),
    columns: stringList(search.columns),
    status: optionalString(search.status),
    q: optionalString(search.q),
    tag: optionalString(search.tag),
    view: optionalString(search.view),
  }),
  component: lazyRouteComponent(() => import("@/features/shards/routes/shards-page"), "ShardsPage"),
});

const newShardRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/shards/new",
  staticData: { section: "nav.shards" },
  validateSearch: (search: Record<string, unknown>): { type?: string | undefined } => ({ type: optionalString(search.type) }),
  component: lazyRouteComponent(() => import("@/features/shards/routes/new-shard-page"), "NewShardPage"),
});

const shardRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/shards/$id",
  staticData: { section: "nav.shards" },
  validateSearch: (search: Record<string, unknown>): { tab?: string | undefined } => ({ tab: optionalString(search.tab) }),
  component: lazyRouteComponent(() => import("@/features/shards/routes/shard-page"), "ShardPage"),
});

const editShardRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/shards/$id/edit",
  staticData: { section: "nav.shards" },
  component: lazyRouteComponent(() => import("@/features/shards/routes/edit-shard-page"), "EditShardPage"),
});

export const shardsRoutes = [shardsRoute, newShardRoute, shardRoute, editShardRoute] as const;
