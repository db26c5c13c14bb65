import { afterEach, describe, expect, it, vi } from "vitest";
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createMemoryHistory, RouterProvider } from "@tanstack/react-router";
import { createAppRouter } from "@/app/router";
import { fakeServer, json } from "@/test/fake-server";

afterEach(() => vi.unstubAllGlobals());

// jsdom has no canvas to draw on; the page's lists and requests are what is tested here.
vi.mock("../components/graph-canvas", () => ({ GraphCanvas: () => null }));

const me = { user: { id: "u1", email: "ada@example.test", name: "Ada", roles: ["owner"] }, tenant: { id: "t1", slug: "acme", name: "Acme" } };
const id = (n: number) => `0193a5b2-0000-7000-8000-00000000000${n}`;
const alpha = { id: id(1), shardType: "c_account", structuredData: { name: "Alpha" }, revision: 1 };
const beta = { id: id(2), shardType: "c_contact", structuredData: { firstName: "Bea", lastName: "Beta" }, revision: 1 };
const gamma = { id: id(3), shardType: "c_contact", structuredData: { lastName: "Gamma" }, revision: 1 };
const ab = { id: id(4), sourceId: alpha.id, targetId: beta.id, type: "has_contact" };
const bg = { id: id(5), sourceId: gamma.id, targetId: beta.id, type: "reports_to" };

describe("the graph page", () => {
  it("lists the neighbourhood, expands a node in place and filters by relationship type", async () => {
    const { fetchMock } = fakeServer((request) => {
      switch (request.path) {
        case "/api/v1/auth/refresh":
          return json(200, { accessToken: "tok", expiresIn: 900 });
        case "/api/v1/me":
          return json(200, me);
        case `/api/v1/shards/${alpha.id}/graph`:
          return json(200, { nodes: [alpha, beta], edges: [ab] });
        case `/api/v1/shards/${beta.id}/graph`:
          return json(200, { nodes: [beta, alpha, gamma], edges: [ab, bg] });
        default:
          return json(404, { status: 404 });
      }
    });
    const graphCalls = () =>
      fetchMock.mock.calls
        .map(([input]) => new URL(input instanceof Request ? input.url : String(input)))
        .filter((url) => url.pathname.endsWith("/graph"))
        .map((url) => `${url.pathname.split("/")[4]!.slice(-1)}?${url.searchParams.toString()}`);
    const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    const router = createAppRouter(queryClient, createMemoryHistory({ initialEntries: [`/graph/${alpha.id}`] }));
    render(
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>,
    );
    const user = userEvent.setup();

    expect(await screen.findByRole("heading", { name: "Graph of Alpha" }, { timeout: 5000 })).toBeInTheDocument();
    const nodes = screen.getByRole("table", { name: "The shards in the graph" });
    expect(within(nodes).getByRole("link", { name: "Bea Beta" })).toHaveAttribute("href", `/shards/${beta.id}`);
    expect(graphCalls()).toEqual(["1?depth=2"]);

    await user.click(within(nodes).getByRole("button", { name: "Expand Bea Beta" }));
    expect(await within(nodes).findByRole("link", { name: "Gamma" })).toBeInTheDocument();
    expect(within(nodes).getAllByRole("row")).toHaveLength(4);
    expect(screen.getByRole("heading", { name: "Relationships (2)" })).toBeInTheDocument();
    expect(graphCalls()).toContain("2?depth=1");
    expect(screen.getByRole("complementary")).toHaveTextContent("Bea Beta");

    await user.click(screen.getByRole("checkbox", { name: "reports_to" }));
    await vi.waitFor(() => expect(router.state.location.search).toMatchObject({ types: ["has_contact"] }));
    await vi.waitFor(() => expect(graphCalls()).toContain("1?depth=2&types=has_contact"));
    // The only type left cannot be unchecked: no type at all would be no graph.
    expect(screen.getByRole("checkbox", { name: "has_contact" })).toBeDisabled();

    await user.selectOptions(screen.getByLabelText("Depth"), "3");
    await vi.waitFor(() => expect(graphCalls()).toContain("1?depth=3&types=has_contact"));
  }, 20_000);
});
