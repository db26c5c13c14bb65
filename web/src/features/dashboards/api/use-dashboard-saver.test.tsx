import { afterEach, describe, expect, it, vi } from "vitest";
import type { ReactNode } from "react";
import { act, renderHook, screen } from "@testing-library/react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { ToastProvider } from "@/components/ui/toast";
import { fakeServer, json } from "@/test/fake-server";
import { dashboardKeys } from "./dashboards-api";
import type { Dashboard } from "./types";
import { useDashboardSaver } from "./use-dashboard-saver";

afterEach(() => vi.unstubAllGlobals());

const layout = [{ widgetId: "w1", x: 0, y: 0, w: 6, h: 4 }];
const dashboard = (revision: number, extra: Partial<Dashboard> = {}): Dashboard => ({
  id: "d1",
  name: "Pipeline",
  visibility: "private",
  revision,
  layout,
  widgets: [{ id: "w1", kind: "text", title: "Notes", options: { text: "hi" } }],
  ...extra,
});

function setup(queryClient: QueryClient) {
  const wrapper = ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={queryClient}>
      <ToastProvider>{children}</ToastProvider>
    </QueryClientProvider>
  );
  return renderHook(() => useDashboardSaver("d1"), { wrapper });
}

describe("saving a dashboard's layout", () => {
  it("sends each change with If-Match on the revision the previous save left, one after the other", async () => {
    let revision = 3;
    const { seen } = fakeServer(async (request) => {
      const body = JSON.parse(request.body) as { layout: Dashboard["layout"] };
      revision += 1;
      return json(200, dashboard(revision, { layout: body.layout }), { ETag: `"${revision}"` });
    });
    const queryClient = new QueryClient();
    queryClient.setQueryData(dashboardKeys.one("d1"), dashboard(3));
    const { result } = setup(queryClient);

    const moved = [{ widgetId: "w1", x: 6, y: 0, w: 6, h: 4 }];
    const wider = [{ widgetId: "w1", x: 5, y: 0, w: 7, h: 4 }];
    await act(async () => {
      await Promise.all([result.current(() => ({ layout: moved })), result.current(() => ({ layout: wider }))]);
    });

    expect(seen.map((request) => [request.method, request.path, request.headers.get("If-Match")])).toEqual([
      ["PATCH", "/api/v1/dashboards/d1", '"3"'],
      ["PATCH", "/api/v1/dashboards/d1", '"4"'],
    ]);
    expect(JSON.parse(seen[0]?.body ?? "{}")).toEqual({ layout: moved });
    expect(queryClient.getQueryData<Dashboard>(dashboardKeys.one("d1"))).toMatchObject({ revision: 5, layout: wider });
  });

  it("on 412 reloads the dashboard and tells the user someone else changed it", async () => {
    const { seen } = fakeServer(async () => json(412, { status: 412, title: "Precondition Failed", detail: "The dashboard has revision 7" }));
    const queryClient = new QueryClient();
    queryClient.setQueryData(dashboardKeys.one("d1"), dashboard(6));
    const { result } = setup(queryClient);

    let failure: unknown;
    await act(async () => {
      await result.current(() => ({ layout })).catch((error: unknown) => {
        failure = error;
      });
    });

    expect(failure).toMatchObject({ status: 412 });
    expect(seen[0]?.headers.get("If-Match")).toBe('"6"');
    expect(await screen.findByText(/Someone else changed this dashboard/)).toBeInTheDocument();
    // Marked stale: the dashboard page's query fetches the server's current version.
    expect(queryClient.getQueryState(dashboardKeys.one("d1"))?.isInvalidated).toBe(true);
  });
});
