import { afterEach, describe, expect, it, vi } from "vitest";
import { render, screen } from "@testing-library/react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createMemoryHistory, RouterProvider } from "@tanstack/react-router";
import { createAppRouter } from "@/app/router";
import { fakeServer, json } from "@/test/fake-server";

afterEach(() => vi.unstubAllGlobals());

function signedInAs(roles: string[]) {
  return fakeServer((request) => {
    switch (request.path) {
      case "/api/v1/auth/refresh":
        return json(200, { accessToken: "tok", expiresIn: 900 });
      case "/api/v1/me":
        return json(200, { user: { id: "u1", email: "mia@example.test", name: "Mia", roles }, tenant: { id: "t1", slug: "acme", name: "Acme" } });
      case "/api/v1/users":
        return json(200, { items: [] });
      default:
        return json(403, { status: 403, title: "Forbidden" });
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
  return router;
}

describe("the admin area", () => {
  it("tells a member plainly that it is not for them, without calling the admin API", async () => {
    const { seen } = signedInAs(["member"]);
    renderApp("/admin/users");

    expect(await screen.findByRole("heading", { name: "Not allowed" }, { timeout: 5000 })).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Go to the home page" })).toBeInTheDocument();
    expect(screen.queryByRole("link", { name: "Admin" })).not.toBeInTheDocument();
    expect(screen.queryByRole("navigation", { name: "Administration sections" })).not.toBeInTheDocument();
    expect(seen.map((request) => request.path)).not.toContain("/api/v1/users");
  });

  it("opens for an admin, with its sections, and /admin lands on the shard types", async () => {
    signedInAs(["admin"]);
    const router = renderApp("/admin");

    expect(await screen.findByRole("navigation", { name: "Administration sections" }, { timeout: 5000 })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe("/admin/shard-types");
    expect(screen.getByRole("link", { name: "Admin" })).toBeInTheDocument();
    for (const section of ["Users", "API keys", "Webhooks", "Jobs", "Notification rules", "Single sign-on", "Audit log"]) {
      expect(screen.getByRole("link", { name: section })).toBeInTheDocument();
    }
  });
});
