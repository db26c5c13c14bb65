/**
 * The shard pages' calls and their TanStack Query hooks. The generated types say `JsonNode` for
 * the free-form JSON parts of a shard; `shardOf` gives them their documented shapes (API.md).
 */
import { useInfiniteQuery, useQuery, type QueryClient } from "@tanstack/react-query";
import { api, call, type components } from "@/lib/api";
import { asSchema, type JsonSchema } from "../lib/schema";

type RawShard = components["schemas"]["Shard"];
type RawRevision = components["schemas"]["ShardRevision"];

export type AclEntry = { userId: string; permissions: string[] };
export type ShardStatus = "active" | "archived" | "draft" | "deleted";
export const EDITABLE_STATUSES = ["active", "draft", "archived"] as const;

export type Shard = Omit<RawShard, "structuredData" | "unstructuredData" | "metadata" | "acl" | "id" | "shardType" | "revision"> & {
  id: string;
  shardType: string;
  revision: number;
  structuredData: Record<string, unknown>;
  unstructuredData: { text?: string } & Record<string, unknown>;
  metadata: { tags?: string[] } & Record<string, unknown>;
  acl: AclEntry[];
};

export type Revision = Omit<RawRevision, "structuredData" | "unstructuredData" | "metadata" | "acl"> & {
  revision: number;
  structuredData: Record<string, unknown>;
  unstructuredData: unknown;
  metadata: unknown;
  acl: unknown;
};

export type ShardType = Omit<components["schemas"]["ShardType"], "effectiveSchema" | "schema" | "name"> & {
  name: string;
  schema: JsonSchema;
  effectiveSchema: JsonSchema;
};

export type SavedView = components["schemas"]["SavedView"];
export type Relationship = components["schemas"]["Relationship"];
export type AuditRecord = components["schemas"]["AuditRecord"];
export type SearchHit = Omit<components["schemas"]["SearchHit"], "shard"> & { shard?: Shard };

function record(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

export function aclOf(value: unknown): AclEntry[] {
  return Array.isArray(value)
    ? value
        .map(record)
        .filter((entry) => typeof entry.userId === "string")
        .map((entry) => ({
          userId: entry.userId as string,
          permissions: Array.isArray(entry.permissions) ? entry.permissions.filter((p): p is string => typeof p === "string") : [],
        }))
    : [];
}

/** A shard as the pages use it; also reads the `data` of a live `shard.*` event. */
export function shardOf(raw: unknown): Shard {
  const shard = record(raw) as RawShard & Record<string, unknown>;
  const metadata = record(shard.metadata);
  return {
    ...shard,
    id: String(shard.id ?? ""),
    shardType: String(shard.shardType ?? ""),
    revision: typeof shard.revision === "number" ? shard.revision : 0,
    structuredData: record(shard.structuredData),
    unstructuredData: record(shard.unstructuredData),
    metadata: { ...metadata, ...(Array.isArray(metadata.tags) && { tags: metadata.tags.map(String) }) },
    acl: aclOf(shard.acl),
  };
}

function typeOf(raw: components["schemas"]["ShardType"]): ShardType {
  return { ...raw, name: raw.name ?? "", schema: asSchema(raw.schema), effectiveSchema: asSchema(raw.effectiveSchema ?? raw.schema) };
}

/** The `If-Match` value for a revision (the server's ETag is the quoted revision). */
export function ifMatch(revision: number): string {
  return `"${revision}"`;
}

export const shardKeys = {
  all: ["shards"] as const,
  types: () => ["shards", "types"] as const,
  type: (name: string) => ["shards", "types", name] as const,
  lists: () => ["shards", "list"] as const,
  list: (params: ListParams) => ["shards", "list", params] as const,
  detail: (id: string) => ["shards", "detail", id] as const,
  revisions: (id: string) => ["shards", "detail", id, "revisions"] as const,
  relationships: (id: string) => ["shards", "detail", id, "relationships"] as const,
  audit: (id: string) => ["shards", "detail", id, "audit"] as const,
  similar: (id: string) => ["shards", "detail", id, "similar"] as const,
  names: (id: string) => ["shards", "name", id] as const,
  search: (type: string | undefined, q: string) => ["shards", "search", type ?? "", q] as const,
  views: (type: string) => ["shards", "views", type] as const,
  users: () => ["shards", "users"] as const,
};

export function useShardTypes() {
  return useQuery({
    queryKey: shardKeys.types(),
    queryFn: async () => (await call(api.GET("/api/v1/shard-types"))).items?.map(typeOf) ?? [],
    staleTime: 60_000,
  });
}

export function useShardType(name: string | undefined) {
  return useQuery({
    queryKey: shardKeys.type(name ?? ""),
    enabled: !!name,
    queryFn: async () => typeOf(await call(api.GET("/api/v1/shard-types/{name}", { params: { path: { name: name ?? "" } } }))),
    staleTime: 60_000,
  });
}

export type ListParams = { type: string; where: string[]; sort: string; status?: string | undefined; q?: string | undefined; tag?: string | undefined };

/** A small first page shows the first rows fast; then the API's largest, for fewer round trips while scrolling. */
export const FIRST_PAGE_SIZE = 100;
export const PAGE_SIZE = 500;

export function useShardList(params: ListParams) {
  return useInfiniteQuery({
    queryKey: shardKeys.list(params),
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) => {
      const page = await call(
        api.GET("/api/v1/shards", {
          params: {
            query: {
              type: params.type,
              sort: params.sort,
              limit: pageParam ? PAGE_SIZE : FIRST_PAGE_SIZE,
              ...(params.where.length > 0 && { where: params.where }),
              ...(params.status && { status: params.status }),
              ...(params.q && { q: params.q }),
              ...(params.tag && { tag: params.tag }),
              ...(pageParam && { cursor: pageParam }),
            },
          },
        }),
      );
      return { items: (page.items ?? []).map(shardOf), nextCursor: page.nextCursor ?? undefined };
    },
    getNextPageParam: (last) => last.nextCursor || undefined,
  });
}

export async function fetchShard(id: string): Promise<Shard> {
  return shardOf(await call(api.GET("/api/v1/shards/{id}", { params: { path: { id }, query: { includeDeleted: true } } })));
}

/** A shard, deleted ones included (the detail page offers to restore them). */
export function useShard(id: string) {
  return useQuery({ queryKey: shardKeys.detail(id), queryFn: () => fetchShard(id) });
}

export function useRevisions(id: string) {
  return useQuery({
    queryKey: shardKeys.revisions(id),
    queryFn: async () => {
      const page = await call(api.GET("/api/v1/shards/{id}/revisions", { params: { path: { id }, query: { limit: 500 } } }));
      return (page.items ?? [])
        .map((item) => ({ ...item, revision: item.revision ?? 0, structuredData: record(item.structuredData) }) as Revision)
        .sort((a, b) => b.revision - a.revision);
    },
  });
}

export function useRelationships(id: string) {
  return useQuery({
    queryKey: shardKeys.relationships(id),
    queryFn: async () =>
      (await call(api.GET("/api/v1/shards/{id}/relationships", { params: { path: { id }, query: { direction: "both", limit: 500 } } }))).items ?? [],
  });
}

/** The name of another shard (relationship ends), cached per id; null when it is gone or hidden. */
export function useShardName(id: string | undefined) {
  return useQuery({
    queryKey: shardKeys.names(id ?? ""),
    enabled: !!id,
    staleTime: 60_000,
    retry: false,
    queryFn: async () => {
      try {
        return shardOf(await call(api.GET("/api/v1/shards/{id}", { params: { path: { id: id ?? "" } } })));
      } catch {
        return null;
      }
    },
  });
}

export function useAudit(id: string) {
  return useQuery({
    queryKey: shardKeys.audit(id),
    retry: false,
    queryFn: async () => (await call(api.GET("/api/v1/audit-logs", { params: { query: { resourceId: id, limit: 200 } } }))).items ?? [],
  });
}

export function useSimilar(id: string) {
  return useQuery({
    queryKey: shardKeys.similar(id),
    retry: false,
    queryFn: async () =>
      ((await call(api.GET("/api/v1/shards/{id}/similar", { params: { path: { id }, query: { limit: 10 } } }))).items ?? []).map(
        (hit) => ({ ...hit, ...(hit.shard && { shard: shardOf(hit.shard) }) }) as SearchHit,
      ),
  });
}

/** Shards matching a text, for picking the other end of a relationship. */
export function useShardSearch(q: string) {
  return useQuery({
    queryKey: shardKeys.search(undefined, q),
    enabled: q.trim().length > 0,
    queryFn: async () =>
      ((await call(api.GET("/api/v1/shards", { params: { query: { q: q.trim(), limit: 20 } } }))).items ?? []).map(shardOf),
  });
}

export function useSavedViews(type: string) {
  return useQuery({
    queryKey: shardKeys.views(type),
    queryFn: async () => (await call(api.GET("/api/v1/saved-views", { params: { query: { shardType: type, limit: 500 } } }))).items ?? [],
  });
}

export type TenantUser = { id: string; name?: string | undefined; email?: string | undefined };

/** The tenant's users (for the ACL editor); only admins may list them, others get an empty list. */
export function useTenantUsers() {
  return useQuery({
    queryKey: shardKeys.users(),
    retry: false,
    staleTime: 60_000,
    queryFn: async (): Promise<TenantUser[]> => {
      try {
        const page = (await call(api.GET("/api/v1/users", {}))) as unknown;
        const items = Array.isArray(record(page).items) ? (record(page).items as unknown[]) : [];
        return items.map(record).filter((user) => typeof user.id === "string").map((user) => ({
          id: user.id as string,
          name: typeof user.name === "string" ? user.name : undefined,
          email: typeof user.email === "string" ? user.email : undefined,
        }));
      } catch {
        return [];
      }
    },
  });
}

export type ShardBody = {
  structuredData: Record<string, unknown>;
  unstructuredData: { text?: string };
  metadata: { tags?: string[] };
  status: string;
};

export async function createShard(shardType: string, body: ShardBody): Promise<Shard> {
  return shardOf(
    await call(
      api.POST("/api/v1/shards", {
        body: { shardType, structuredData: body.structuredData as never, unstructuredData: body.unstructuredData as never, metadata: body.metadata as never, status: body.status, source: "ui" },
      }),
    ),
  );
}

/** PATCH with a merge patch, guarded by the revision the change was made on. */
export async function patchShard(id: string, patch: Record<string, unknown>, revision: number): Promise<Shard> {
  return shardOf(
    await call(api.PATCH("/api/v1/shards/{id}", { params: { path: { id }, header: { "If-Match": ifMatch(revision) } }, body: patch as never })),
  );
}

export async function deleteShard(id: string, revision: number): Promise<void> {
  await call(api.DELETE("/api/v1/shards/{id}", { params: { path: { id }, header: { "If-Match": ifMatch(revision) } } }));
}

export async function restoreShard(id: string): Promise<Shard> {
  return shardOf(await call(api.POST("/api/v1/shards/{id}/restore", { params: { path: { id } } })));
}

export async function revertShard(id: string, revision: number, current: number): Promise<Shard> {
  return shardOf(
    await call(
      api.POST("/api/v1/shards/{id}/revisions/{revision}/revert", {
        params: { path: { id, revision }, header: { "If-Match": ifMatch(current) } },
      }),
    ),
  );
}

export async function createRelationship(body: { sourceId: string; targetId: string; type: string }): Promise<Relationship> {
  return call(api.POST("/api/v1/relationships", { body }));
}

export async function deleteRelationship(id: string): Promise<void> {
  await call(api.DELETE("/api/v1/relationships/{id}", { params: { path: { id } } }));
}

export type ViewBody = { name: string; shardType: string; where: string[]; sort: string; columns: string[]; visibility: "private" | "tenant" };

export async function createView(body: ViewBody): Promise<SavedView> {
  return call(api.POST("/api/v1/saved-views", { body: body as never }));
}

export async function renameView(id: string, name: string): Promise<SavedView> {
  return call(api.PATCH("/api/v1/saved-views/{id}", { params: { path: { id } }, body: { name } as never }));
}

export async function deleteView(id: string): Promise<void> {
  await call(api.DELETE("/api/v1/saved-views/{id}", { params: { path: { id } } }));
}

/**
 * Applies a live `shard.*` event to the cache: the detail entry takes the new version, a row in a
 * loaded list page is replaced in place (no refetch of thousands of rows for one edit); a created,
 * deleted or restored shard changes which rows a list has, so those lists refetch, as do filtered
 * lists after an update.
 */
export function applyShardEvent(queryClient: QueryClient, type: string, data: unknown) {
  const shard = shardOf(data);
  if (!shard.id) return;
  if (type === "shard.updated" && shard.revision > 0) {
    queryClient.setQueryData<Shard>(shardKeys.detail(shard.id), (old) => (!old || old.revision < shard.revision ? shard : old));
    queryClient.setQueriesData<{ pages: { items: Shard[]; nextCursor?: string | undefined }[]; pageParams: unknown[] }>(
      { queryKey: shardKeys.lists() },
      (old) =>
        old && {
          ...old,
          pages: old.pages.map((page) => ({
            ...page,
            items: page.items.map((item) => (item.id === shard.id && item.revision < shard.revision ? shard : item)),
          })),
        },
    );
    // A filtered list may have to drop or gain the row: those (usually short) lists refetch.
    void queryClient.invalidateQueries({
      queryKey: shardKeys.lists(),
      predicate: (query) => {
        const params = query.queryKey[2] as ListParams | undefined;
        return !!params && (params.where.length > 0 || !!params.q || !!params.tag);
      },
    });
    void queryClient.invalidateQueries({ queryKey: shardKeys.revisions(shard.id) });
    void queryClient.invalidateQueries({ queryKey: shardKeys.audit(shard.id) });
    return;
  }
  void queryClient.invalidateQueries({ queryKey: shardKeys.lists() });
  void queryClient.invalidateQueries({ queryKey: shardKeys.detail(shard.id) });
}
