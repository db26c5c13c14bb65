import { afterEach, describe, expect, it, vi } from "vitest";
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createMemoryHistory, RouterProvider } from "@tanstack/react-router";
import { createAppRouter } from "@/app/router";
import { fakeServer, json } from "@/test/fake-server";

afterEach(() => vi.unstubAllGlobals());

const id = "0193aaaa-0000-7000-8000-000000000001";
const me = { user: { id: "u1", email: "ada@example.test", name: "Ada", roles: ["owner"] }, tenant: { id: "t1", slug: "acme", name: "Acme" } };
const type = {
  name: "c_opportunity",
  displayName: "Opportunity",
  system: true,
  effectiveSchema: {
    type: "object",
    required: ["name"],
    properties: { name: { type: "string" }, amount: { type: "number" }, stage: { type: "string" } },
  },
};

function shard(revision: number, structuredData: Record<string, unknown>) {
  return { id, shardType: "c_opportunity", revision, status: "active", structuredData, unstructuredData: null, metadata: null, acl: [] };
}

describe("saving a shard someone else changed (412)", () => {
  it("explains it, re-applies the user's edits to the fresh version and saves with its ETag", async () => {
    let current = shard(1, { name: "Acme", amount: 100, stage: "prospecting" });
    const patches: { body: unknown; ifMatch: string | null }[] = [];
    fakeServer((request) => {
      if (request.path === "/api/v1/auth/refresh") return json(200, { accessToken: "tok", expiresIn: 900 });
      if (request.path === "/api/v1/me") return json(200, me);
      if (request.path === "/api/v1/shard-types/c_opportunity") return json(200, type);
      if (request.path === `/api/v1/shards/${id}` && request.method === "GET") return json(200, current, { ETag: `"${current.revision}"` });
      if (request.path === `/api/v1/shards/${id}` && request.method === "PATCH") {
        patches.push({ body: JSON.parse(request.body), ifMatch: request.headers.get("If-Match") });
        if (request.headers.get("If-Match") !== `"${current.revision}"`) {
          return json(412, { status: 412, title: "Precondition Failed" });
        }
        const body = JSON.parse(request.body) as { structuredData: Record<string, unknown> };
        current = shard(current.revision + 1, { ...current.structuredData, ...body.structuredData });
        return json(200, current);
      }
      return json(404, { status: 404 });
    });
    const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    const router = createAppRouter(queryClient, createMemoryHistory({ initialEntries: [`/shards/${id}/edit`] }));
    render(
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>,
    );
    const user = userEvent.setup();

    const amount = await screen.findByLabelText("Amount", {}, { timeout: 8000 });
    expect(amount).toHaveValue(100);
    await user.clear(amount);
    await user.type(amount, "250");

    // Meanwhile someone else moves the deal to another stage.
    current = shard(2, { name: "Acme", amount: 100, stage: "negotiation" });
    await user.click(screen.getByRole("button", { name: "Save" }));

    const dialog = await screen.findByRole("dialog", { name: "Someone else changed this shard" });
    expect(dialog).toHaveTextContent(/re-apply your changes/);
    expect(patches[0]).toEqual({ body: { structuredData: { amount: 250 } }, ifMatch: '"1"' });

    await user.click(screen.getByRole("button", { name: "Reload and re-apply my changes" }));
    expect(await screen.findByDisplayValue("negotiation")).toBeInTheDocument();
    expect(screen.getByLabelText("Amount")).toHaveValue(250);

    await user.click(screen.getByRole("button", { name: "Save" }));
    await vi.waitFor(() => expect(router.state.location.pathname).toBe(`/shards/${id}`));
    expect(patches[1]).toEqual({ body: { structuredData: { amount: 250 } }, ifMatch: '"2"' });
    expect(current.structuredData).toEqual({ name: "Acme", amount: 250, stage: "negotiation" });
  });
});
