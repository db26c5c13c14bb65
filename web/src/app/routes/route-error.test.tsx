import { describe, expect, it } from "vitest";
import { render, screen } from "@testing-library/react";
import { createMemoryHistory, createRootRoute, createRouter, RouterProvider } from "@tanstack/react-router";
import { ApiError } from "@/lib/api";
import { RouteError } from "./route-error";

function renderError(error: unknown) {
  const rootRoute = createRootRoute({
    component: () => {
      throw error;
    },
    errorComponent: RouteError,
  });
  const router = createRouter({ routeTree: rootRoute, history: createMemoryHistory({ initialEntries: ["/"] }) });
  render(<RouterProvider router={router} />);
}

describe("RouteError", () => {
  it("shows a problem's detail as a sentence, never its JSON", async () => {
    renderError(new ApiError(409, { status: 409, title: "Conflict", detail: "A shard type named c_account already exists" }));
    expect(await screen.findByRole("heading", { name: "Something went wrong" })).toBeInTheDocument();
    expect(screen.getByRole("alert")).toHaveTextContent("A shard type named c_account already exists");
    expect(document.body.textContent).not.toContain("{");
    expect(screen.getByRole("button", { name: "Try again" })).toBeInTheDocument();
  });

  it("hides a stack behind a plain message", async () => {
    renderError(new Error("Cannot read properties of undefined (reading 'x')\n    at Widget (widget.tsx:12)"));
    expect(await screen.findByRole("alert")).toHaveTextContent("Something went wrong on our side. Try again in a moment.");
    expect(document.body.textContent).not.toContain("widget.tsx");
  });

  it("says what a 404 means", async () => {
    renderError(new ApiError(404, { status: 404, title: "Not Found" }));
    expect(await screen.findByRole("heading", { name: "Page not found" })).toBeInTheDocument();
    expect(document.title).toBe("Page not found · Castiel");
  });
});
