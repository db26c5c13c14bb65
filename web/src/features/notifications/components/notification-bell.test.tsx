import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { act, render, screen } from "@testing-library/react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createMemoryHistory, createRootRoute, createRouter, RouterProvider } from "@tanstack/react-router";
import { startSession } from "@/lib/api";
import { ToastProvider } from "@/components/ui/toast";
import { fakeServer, json } from "@/test/fake-server";
import { NotificationBell } from "./notification-bell";

/** The server's end of the app's one socket. */
class ServerSocket {
  static last: ServerSocket | undefined;
  readyState = 0;
  sent: unknown[] = [];
  onopen: ((event: unknown) => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onclose: ((event: { code: number }) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;
  constructor() {
    ServerSocket.last = this;
  }
  send(data: string) {
    this.sent.push(JSON.parse(data));
  }
  close() {
    this.readyState = 3;
  }
  push(message: unknown) {
    act(() => this.onmessage?.({ data: JSON.stringify(message) }));
  }
}

beforeEach(() => vi.stubGlobal("WebSocket", ServerSocket));
afterEach(() => vi.unstubAllGlobals());

function renderBell() {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const rootRoute = createRootRoute({ component: NotificationBell });
  const router = createRouter({ routeTree: rootRoute, history: createMemoryHistory({ initialEntries: ["/"] }) });
  render(
    <QueryClientProvider client={queryClient}>
      <ToastProvider>
        <RouterProvider router={router} />
      </ToastProvider>
    </QueryClientProvider>,
  );
}

describe("NotificationBell", () => {
  it("starts from the unread count and follows the socket's notifications and reads", async () => {
    fakeServer((request) =>
      request.path === "/api/v1/notifications/unread-count" ? json(200, { count: 1 }) : json(404, { status: 404 }),
    );
    startSession({ accessToken: "token-1", expiresIn: 900 });
    renderBell();

    expect(await screen.findByRole("button", { name: "Notifications, 1 unread" })).toBeInTheDocument();
    const socket = ServerSocket.last!;
    act(() => {
      socket.readyState = 1;
      socket.onopen?.({});
    });
    expect(socket.sent).toEqual([{ type: "auth", token: "token-1" }]);

    socket.push({ type: "notification", notification: { id: "n2", kind: "rule.matched", title: "Deal won" }, unreadCount: 2 });
    // Query updates reach components on the next tick.
    expect(await screen.findByRole("button", { name: "Notifications, 2 unread" })).toBeInTheDocument();
    expect(screen.getByText("2")).toBeInTheDocument();

    socket.push({ type: "notifications.read", ids: ["n1", "n2"], unreadCount: 0 });
    expect(await screen.findByRole("button", { name: "Notifications" })).toBeInTheDocument();
    expect(screen.queryByText("2")).not.toBeInTheDocument();
  });
});
