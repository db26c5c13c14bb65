import { useCallback } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, call, type components } from "@/lib/api";
import { getMe } from "@/features/auth/api/auth-api";
import { meQueryKey } from "@/features/auth/api/use-session";
import { asDashboard, type Dashboard, type DashboardInput } from "./types";

type JsonBody = components["schemas"]["JsonNode"];
/** The OpenAPI document types free JSON bodies as Jackson's JsonNode; the contract's shape is sent. */
const jsonBody = (value: unknown) => value as JsonBody;

export const dashboardKeys = {
  all: ["dashboards"] as const,
  list: () => [...dashboardKeys.all, "list"] as const,
  one: (id: string) => [...dashboardKeys.all, "one", id] as const,
  defaultDashboard: () => [...dashboardKeys.all, "default"] as const,
  me: () => [...dashboardKeys.all, "me"] as const,
};

/** The ETag the server gives a dashboard of this revision (the If-Match of a change). */
export function etagOf(dashboard: Pick<Dashboard, "revision">): string {
  return `"${dashboard.revision}"`;
}

export async function listDashboards(): Promise<Dashboard[]> {
  const all: Dashboard[] = [];
  let cursor: string | undefined;
  // A tenant has few dashboards; pages are followed so that none is silently missing.
  for (let page = 0; page < 20; page++) {
    const answer = await call(api.GET("/api/v1/dashboards", { params: { query: { limit: 200, ...(cursor && { cursor }) } } }));
    all.push(...(answer.items ?? []).map(asDashboard));
    cursor = answer.nextCursor ?? undefined;
    if (!cursor) break;
  }
  return all;
}

export async function getDashboard(id: string): Promise<Dashboard> {
  return asDashboard(await call(api.GET("/api/v1/dashboards/{id}", { params: { path: { id } } })));
}

export async function createDashboard(input: DashboardInput): Promise<Dashboard> {
  return asDashboard(await call(api.POST("/api/v1/dashboards", { body: jsonBody(input) })));
}

/** A merge patch of the dashboard, sent with If-Match so that a concurrent change is a 412, not lost. */
export async function patchDashboard(id: string, etag: string, patch: Partial<DashboardInput>): Promise<Dashboard> {
  return asDashboard(
    await call(
      api.PATCH("/api/v1/dashboards/{id}", {
        params: { path: { id }, header: { "If-Match": etag } },
        body: jsonBody(patch),
      }),
    ),
  );
}

export async function deleteDashboard(id: string, etag: string): Promise<void> {
  await call(api.DELETE("/api/v1/dashboards/{id}", { params: { path: { id }, header: { "If-Match": etag } } }));
}

export async function duplicateDashboard(id: string): Promise<Dashboard> {
  return asDashboard(await call(api.POST("/api/v1/dashboards/{id}/duplicate", { params: { path: { id } } })));
}

export async function getDefaultDashboardId(): Promise<string | null> {
  const answer = await call(api.GET("/api/v1/me/default-dashboard"));
  return answer.dashboardId ?? null;
}

export async function setDefaultDashboardId(dashboardId: string | null): Promise<string | null> {
  const answer = await call(api.PUT("/api/v1/me/default-dashboard", { body: jsonBody({ dashboardId }) }));
  return answer.dashboardId ?? null;
}

export function useDashboards() {
  return useQuery({ queryKey: dashboardKeys.list(), queryFn: listDashboards });
}

export function useDashboard(id: string | undefined) {
  return useQuery({
    queryKey: dashboardKeys.one(id ?? ""),
    queryFn: () => getDashboard(id ?? ""),
    enabled: Boolean(id),
  });
}

export function useDefaultDashboardId() {
  return useQuery({
    queryKey: dashboardKeys.defaultDashboard(),
    queryFn: getDefaultDashboardId,
    // Only this user changes it, and the app updates or invalidates it when they do. Stale at once,
    // it was fetched again by each page that also reads it (the home page, then its dashboard),
    // and its settling re-rendered the whole dashboard below.
    staleTime: 5 * 60_000,
  });
}

/** Who is signed in, for what they may change (owner of a dashboard, or an admin). */
export function useCurrentUser() {
  // The shell's own query of the same resource: one request, not two, and no second update.
  return useQuery({
    queryKey: meQueryKey,
    queryFn: getMe,
    staleTime: 5 * 60_000,
    select: (me) => me.user ?? null,
  });
}

export function canEdit(dashboard: Pick<Dashboard, "ownerId">, user: { id?: string; roles?: string[] } | null | undefined): boolean {
  if (!user) return false;
  const roles = user.roles ?? [];
  return dashboard.ownerId === user.id || roles.includes("owner") || roles.includes("admin");
}

/** Keeps the list and the one-dashboard caches in step after a write answered with the new dashboard. */
export function useStoreDashboard() {
  const queryClient = useQueryClient();
  return useCallback(
    (dashboard: Dashboard) => {
      queryClient.setQueryData(dashboardKeys.one(dashboard.id), dashboard);
      queryClient.setQueryData<Dashboard[]>(dashboardKeys.list(), (list) =>
        list ? (list.some((d) => d.id === dashboard.id) ? list.map((d) => (d.id === dashboard.id ? dashboard : d)) : [...list, dashboard]) : list,
      );
    },
    [queryClient],
  );
}

export function useCreateDashboard() {
  const store = useStoreDashboard();
  return useMutation({ mutationFn: createDashboard, onSuccess: store });
}

export function useDuplicateDashboard() {
  const store = useStoreDashboard();
  return useMutation({ mutationFn: duplicateDashboard, onSuccess: store });
}

export function usePatchDashboard() {
  const store = useStoreDashboard();
  return useMutation({
    mutationFn: ({ dashboard, patch }: { dashboard: Dashboard; patch: Partial<DashboardInput> }) =>
      patchDashboard(dashboard.id, etagOf(dashboard), patch),
    onSuccess: store,
  });
}

export function useDeleteDashboard() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (dashboard: Dashboard) => deleteDashboard(dashboard.id, etagOf(dashboard)),
    onSuccess: (_, dashboard) => {
      queryClient.setQueryData<Dashboard[]>(dashboardKeys.list(), (list) => list?.filter((d) => d.id !== dashboard.id));
      queryClient.removeQueries({ queryKey: dashboardKeys.one(dashboard.id) });
      void queryClient.invalidateQueries({ queryKey: dashboardKeys.defaultDashboard() });
    },
  });
}

export function useSetDefaultDashboard() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: setDefaultDashboardId,
    onSuccess: (dashboardId) => queryClient.setQueryData(dashboardKeys.defaultDashboard(), dashboardId),
  });
}
