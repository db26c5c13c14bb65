import { afterEach, describe, expect, it, vi } from "vitest";
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createMemoryHistory, RouterProvider } from "@tanstack/react-router";
import { createAppRouter } from "@/app/router";
import { fakeServer, json, type Seen } from "@/test/fake-server";

afterEach(() => vi.unstubAllGlobals());

const me = { user: { id: "u1", email: "ada@example.test", name: "Ada", roles: ["owner"] }, tenant: { id: "t1", slug: "acme", name: "Acme" } };
const noteId = "0193a5b2-0000-7000-8000-000000000001";
const note = { id: noteId, shardType: "c_note", structuredData: { title: "Zeppelin hangar inspection" }, unstructuredData: { text: "The hangar passed." } };

function server(extra: (request: Seen) => Response | undefined = () => undefined) {
  return fakeServer((request) => {
    const answer = extra(request);
    if (answer) return answer;
    switch (request.path) {
      case "/api/v1/auth/refresh":
        return json(200, { accessToken: "tok", expiresIn: 900 });
      case "/api/v1/me":
        return json(200, me);
      case "/api/v1/shard-types":
        return json(200, { items: [{ name: "c_note", displayName: "Note" }, { name: "c_account", displayName: "Account" }] });
      case "/api/v1/search":
        return json(200, { items: [{ shard: note, score: 0.9, highlights: ["The zeppelin hangar passed its inspection in March."] }] });
      case `/api/v1/shards/${noteId}`:
        return json(200, note);
      default:
        return json(404, { status: 404 });
    }
  });
}

function renderApp(path: string) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const router = createAppRouter(queryClient, createMemoryHistory({ initialEntries: [path] }));
  render(
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>,
  );
  return { router, user: userEvent.setup() };
}

describe("the global search box", () => {
  it("is focused by / and Ctrl+K, shows quick results, and Enter opens the search page", async () => {
    const { seen } = server();
    const { router, user } = renderApp("/");
    await screen.findByRole("heading", { name: "Welcome, Ada" }, { timeout: 5000 });
    const box = screen.getByRole("searchbox", { name: "Search shards" });

    await user.keyboard("/");
    expect(box).toHaveFocus();
    box.blur();
    await user.keyboard("{Control>}k{/Control}");
    expect(box).toHaveFocus();

    await user.type(box, "zeppelin");
    const quick = await screen.findByRole("list", { name: "Quick results" }, { timeout: 5000 });
    const link = within(quick).getByRole("link", { name: /Zeppelin hangar inspection/ });
    expect(link).toHaveAttribute("href", `/shards/${noteId}`);
    expect(within(link).getByText("Zeppelin").tagName).toBe("MARK");
    await user.keyboard("{ArrowDown}");
    expect(link).toHaveFocus();
    await user.keyboard("{Escape}");
    expect(screen.queryByRole("list", { name: "Quick results" })).not.toBeInTheDocument();

    await user.type(box, "{Enter}");
    await screen.findByRole("heading", { name: "Search", level: 1 }, { timeout: 5000 });
    expect(router.state.location.pathname).toBe("/search");
    expect(router.state.location.search).toMatchObject({ q: "zeppelin" });
    const body = JSON.parse(seen.filter((request) => request.path === "/api/v1/search").at(-1)!.body);
    expect(body).toMatchObject({ query: "zeppelin", mode: "hybrid" });
  }, 20_000);
});

describe("the search page", () => {
  it("marks the query in the results, and sends the mode and the type filter", async () => {
    const { seen } = server();
    const { router, user } = renderApp("/search?q=zeppelin");
    const results = await screen.findByRole("list", { name: "Search results" }, { timeout: 5000 });
    expect(within(results).getByRole("link", { name: "Zeppelin hangar inspection" })).toHaveAttribute("href", `/shards/${noteId}`);
    expect(within(results).getAllByText(/zeppelin/i).filter((element) => element.tagName === "MARK")).toHaveLength(2);

    await user.click(screen.getByRole("radio", { name: "Keyword" }));
    await user.click(await screen.findByRole("checkbox", { name: "Note" }));
    await vi.waitFor(() => expect(router.state.location.search).toMatchObject({ q: "zeppelin", mode: "keyword", types: ["c_note"] }));
    await vi.waitFor(() => {
      const last = JSON.parse(seen.filter((request) => request.path === "/api/v1/search").at(-1)!.body);
      expect(last).toMatchObject({ query: "zeppelin", mode: "keyword", types: ["c_note"] });
    });
  }, 20_000);

  it("asks for every word when that box is checked, and not in semantic mode, where it does not apply", async () => {
    const { seen } = server();
    const { router, user } = renderApp("/search?q=zeppelin%20hangar&mode=keyword");
    await screen.findByRole("list", { name: "Search results" }, { timeout: 5000 });

    await user.click(screen.getByRole("checkbox", { name: "Every word" }));
    await vi.waitFor(() => expect(router.state.location.search).toMatchObject({ q: "zeppelin hangar", mode: "keyword", all: true }));
    await vi.waitFor(() => {
      const last = JSON.parse(seen.filter((request) => request.path === "/api/v1/search").at(-1)!.body);
      expect(last).toMatchObject({ query: "zeppelin hangar", mode: "keyword", match: "all" });
    });

    await user.click(screen.getByRole("radio", { name: "Semantic" }));
    expect(screen.getByRole("checkbox", { name: "Every word" })).toBeDisabled();
    await vi.waitFor(() => {
      const last = JSON.parse(seen.filter((request) => request.path === "/api/v1/search").at(-1)!.body);
      expect(last).toMatchObject({ query: "zeppelin hangar", mode: "semantic" });
      expect(last).not.toHaveProperty("match");
    });
  }, 20_000);

  it("shows the Ask answer with numbered citations to the shards and says it was quoted, not written by a model", async () => {
    server((request) =>
      request.path === "/api/v1/ask"
        ? json(200, {
            answer: `The hangar passed its inspection in March [${noteId}].`,
            citations: [{ shardId: noteId, excerpt: "The hangar passed its inspection in March." }],
            mode: "extractive",
          })
        : undefined,
    );
    const { user } = renderApp("/search?tab=ask");
    await user.type(await screen.findByLabelText("Your question", {}, { timeout: 5000 }), "When did the hangar pass?");
    await user.click(screen.getByRole("button", { name: "Ask" }));

    expect(await screen.findByText("Quoted from your shards")).toBeInTheDocument();
    const inline = await screen.findByRole("link", { name: "Source 1: Zeppelin hangar inspection" });
    expect(inline).toHaveAttribute("href", `/shards/${noteId}`);
    expect(screen.getByRole("link", { name: "[1] Zeppelin hangar inspection" })).toHaveAttribute("href", `/shards/${noteId}`);
    expect(screen.queryByText(noteId, { exact: false })).not.toBeInTheDocument();
  }, 20_000);
});
