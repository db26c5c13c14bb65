import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createMemoryHistory, RouterProvider } from "@tanstack/react-router";
import { getAccessToken } from "@/lib/api";
import { empty, fakeServer, json } from "@/test/fake-server";
import { createAppRouter } from "./router";

// The shell's bell listens on /ws: a socket that never opens keeps jsdom from dialling out.
class SilentSocket {
  readyState = 0;
  onopen = null;
  onmessage = null;
  onclose = null;
  onerror = null;
  send() {}
  close() {}
}

beforeEach(() => vi.stubGlobal("WebSocket", SilentSocket));
afterEach(() => vi.unstubAllGlobals());

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

const me = { user: { id: "u1", email: "ada@example.test", name: "Ada", roles: ["owner"] }, tenant: { id: "t1", slug: "acme", name: "Acme" } };

describe("the protected routes", () => {
  it("send a visitor without a session to sign in, and back after signing in", async () => {
    fakeServer((request) => {
      switch (request.path) {
        case "/api/v1/auth/refresh":
          return json(401, { status: 401, title: "Unauthorized" });
        case "/api/v1/auth/login":
          return json(200, { accessToken: "tok", expiresIn: 900 });
        case "/api/v1/me":
          return json(200, me);
        default:
          return json(404, { status: 404 });
      }
    });
    const { router, user } = renderApp("/dashboards");

    expect(await screen.findByRole("heading", { name: "Sign in to Castiel" })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe("/sign-in");
    expect(router.state.location.search).toEqual({ redirect: "/dashboards" });

    await user.type(screen.getByLabelText("Email"), "ada@example.test");
    await user.type(screen.getByLabelText("Password"), "correct horse");
    await user.click(screen.getByRole("button", { name: "Sign in" }));

    // The shell's and the page's chunks are transformed on first use: slow on a busy machine.
    expect(await screen.findByRole("heading", { name: "Dashboards" }, { timeout: 5000 })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe("/dashboards");
    expect(await screen.findByRole("button", { name: "Account menu for Ada" })).toBeInTheDocument();
    expect(document.title).toBe("Dashboards · Castiel");
  });

  it("open after a reload when the refresh cookie is still good, and sign out", async () => {
    const { seen } = fakeServer((request) => {
      switch (request.path) {
        case "/api/v1/auth/refresh":
          return json(200, { accessToken: "after-reload", expiresIn: 900 });
        case "/api/v1/me":
          return json(200, me);
        case "/api/v1/auth/logout":
          return empty(204);
        case "/api/v1/notifications/unread-count":
          return json(200, { count: 2 });
        default:
          return json(404, { status: 404 });
      }
    });
    const { router, user } = renderApp("/");

    expect(await screen.findByRole("heading", { name: "Welcome, Ada" }, { timeout: 5000 })).toBeInTheDocument();
    expect(screen.getByRole("navigation", { name: "Main" })).toBeInTheDocument();
    for (const section of ["Shards", "Dashboards", "Search", "Admin"]) {
      expect(screen.getByRole("link", { name: section })).toBeInTheDocument();
    }

    expect(await screen.findByRole("button", { name: "Notifications, 2 unread" })).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Account menu for Ada" }));
    expect(await screen.findByText("Signed in as Ada")).toBeInTheDocument();
    await user.click(screen.getByRole("menuitem", { name: "Sign out" }));

    expect(await screen.findByRole("heading", { name: "Sign in to Castiel" })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe("/sign-in");
    expect(seen.map((r) => r.path)).toContain("/api/v1/auth/logout");
    expect(getAccessToken()).toBeNull();
  });
});
