import { afterEach, describe, expect, it, vi } from "vitest";
import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { fakeServer, json } from "@/test/fake-server";
import { CreateApiKeyDialog } from "./create-api-key-dialog";

afterEach(() => vi.unstubAllGlobals());

const SECRET = "ck_live_0123456789abcdef";

function renderDialog() {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const onClose = vi.fn();
  const view = (open: boolean) => (
    <QueryClientProvider client={queryClient}>
      <CreateApiKeyDialog open={open} onClose={onClose} grantable={["admin", "member", "viewer"]} />
    </QueryClientProvider>
  );
  const result = render(view(true));
  return { onClose, queryClient, reopen: () => result.rerender(view(true)), close: () => result.rerender(view(false)), user: userEvent.setup() };
}

describe("creating an API key", () => {
  it("shows the key once, with a warning and a copy button, and forgets it on close", async () => {
    const { seen } = fakeServer((request) =>
      request.path === "/api/v1/api-keys" && request.method === "POST"
        ? json(201, { id: "k1", name: "CI", key: SECRET, prefix: "ck_live_01", roles: ["member"] })
        : json(200, { items: [] }),
    );
    const { user, onClose, queryClient, close, reopen } = renderDialog();

    await user.type(screen.getByLabelText("Name"), "CI");
    await user.click(screen.getByRole("button", { name: "Create API key" }));

    const field = await screen.findByLabelText("Your new API key");
    expect(field).toHaveValue(SECRET);
    expect(field).toHaveAttribute("readonly");
    expect(screen.getByText("Copy this key now: it is shown only once.")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Copy the API key" })).toBeInTheDocument();
    expect(JSON.parse(seen.find((request) => request.method === "POST")!.body)).toEqual({ name: "CI", roles: ["member"] });

    await user.click(screen.getByRole("button", { name: "I have copied it" }));
    expect(onClose).toHaveBeenCalled();
    close();
    reopen();
    expect(screen.queryByDisplayValue(SECRET)).not.toBeInTheDocument();
    expect(screen.getByLabelText("Name")).toHaveValue("");
    // Nothing kept the secret: not the query cache either.
    expect(JSON.stringify(queryClient.getQueryCache().getAll().map((query) => query.state.data))).not.toContain(SECRET);
    await waitFor(() =>
      expect(JSON.stringify(queryClient.getMutationCache().getAll().map((mutation) => mutation.state.data))).not.toContain(SECRET),
    );
  });

  it("asks for a name and a role before calling the server, and shows the server's refusal", async () => {
    const { seen } = fakeServer(() => json(403, { status: 403, title: "Forbidden", detail: "You cannot grant the admin role." }));
    const { user } = renderDialog();

    await user.click(screen.getByLabelText("Member"));
    await user.click(screen.getByRole("button", { name: "Create API key" }));
    expect(screen.getByText("This field is required.")).toBeInTheDocument();
    expect(screen.getByText("Pick at least one role.")).toBeInTheDocument();
    expect(seen).toEqual([]);

    await user.type(screen.getByLabelText("Name"), "Robot");
    await user.click(screen.getByLabelText("Admin"));
    await user.click(screen.getByRole("button", { name: "Create API key" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("You cannot grant the admin role.");
    expect(screen.queryByLabelText("Your new API key")).not.toBeInTheDocument();
  });
});
