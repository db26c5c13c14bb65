import { describe, expect, it, vi } from "vitest";
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { fakeServer, json, type Seen } from "@/test/fake-server";
import { SignInForm } from "./sign-in-form";

const providers = [
  { id: "google", name: "Google", type: "oidc" },
  { id: "github", name: "GitHub", type: "github" },
];

/** A server whose OAuth providers are `oauth` and whose only workspace with SAML is "acme". */
function ssoServer(oauth: typeof providers) {
  return fakeServer((request: Seen) => {
    if (request.path !== "/api/v1/auth/providers") return json(404, { title: "Not Found", status: 404 });
    const tenant = request.search.get("tenant");
    return json(200, { oauth, saml: tenant === null ? null : tenant === "acme" }, { "Cache-Control": "no-cache" });
  });
}

function renderForm() {
  const leave = vi.fn();
  const client = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <SignInForm onSignedIn={vi.fn()} sso leave={leave} />
    </QueryClientProvider>,
  );
  return { leave, user: userEvent.setup() };
}

const callback = () => `${window.location.origin}/sso/callback`;

describe("single sign-on on the sign-in form", () => {
  it("shows no buttons when the server has nothing configured", async () => {
    const { seen } = ssoServer([]);
    const { user } = renderForm();

    await vi.waitFor(() => expect(seen.some((r) => r.path === "/api/v1/auth/providers")).toBe(true));
    await user.type(screen.getByLabelText("Workspace (optional)"), "beta");
    await vi.waitFor(() => expect(seen.some((r) => r.search.get("tenant") === "beta")).toBe(true));
    await new Promise((resolve) => setTimeout(resolve, 50));

    expect(screen.getAllByRole("button").map((b) => b.textContent)).toEqual(["Sign in"]);
    expect(screen.queryByText("or")).toBeNull();
  });

  it("offers each OAuth provider and goes to its authorize URL with the workspace and the callback", async () => {
    const { seen } = ssoServer(providers);
    const { leave, user } = renderForm();

    expect(await screen.findByRole("button", { name: "Continue with Google" })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Continue with GitHub" })).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Continue with SAML single sign-on" })).toBeNull();
    expect(seen[0]?.search.has("tenant")).toBe(false);

    await user.type(screen.getByLabelText("Workspace (optional)"), " team-1 ");
    await user.click(screen.getByRole("button", { name: "Continue with GitHub" }));

    expect(leave).toHaveBeenCalledOnce();
    const url = new URL(leave.mock.calls[0]?.[0] as string);
    expect(url.origin).toBe(window.location.origin);
    expect(url.pathname).toBe("/api/v1/auth/oauth/github/authorize");
    expect(url.searchParams.get("tenant")).toBe("team-1");
    expect(url.searchParams.get("redirectUri")).toBe(callback());
  });

  it("offers SAML once the typed workspace has it, and goes to its login URL", async () => {
    const { seen } = ssoServer([]);
    const { leave, user } = renderForm();

    await user.type(screen.getByLabelText("Workspace (optional)"), "acm");
    await vi.waitFor(() => expect(seen.some((r) => r.search.get("tenant") === "acm")).toBe(true));
    expect(screen.queryByRole("button", { name: "Continue with SAML single sign-on" })).toBeNull();

    await user.type(screen.getByLabelText("Workspace (optional)"), "e");
    const saml = await screen.findByRole("button", { name: "Continue with SAML single sign-on" });
    // Debounced: one question per pause in the typing, not one per key.
    expect(seen.filter((r) => r.path === "/api/v1/auth/providers").map((r) => r.search.get("tenant"))).toEqual([null, "acm", "acme"]);

    await user.click(saml);
    expect(leave).toHaveBeenCalledWith(
      `${window.location.origin}/api/v1/auth/saml/acme/login?redirectUri=${encodeURIComponent(callback())}`,
    );

    await user.type(screen.getByLabelText("Workspace (optional)"), "x");
    expect(screen.queryByRole("button", { name: "Continue with SAML single sign-on" })).toBeNull();
  });

  it("asks for the workspace when an OAuth provider is chosen without one", async () => {
    ssoServer(providers);
    const { leave, user } = renderForm();

    await user.click(await screen.findByRole("button", { name: "Continue with Google" }));

    expect(leave).not.toHaveBeenCalled();
    const workspace = screen.getByLabelText("Workspace (optional)");
    expect(workspace).toHaveFocus();
    expect(workspace).toHaveAttribute("aria-invalid", "true");
    expect(screen.getByText("Enter your workspace to continue with Google.")).toBeInTheDocument();

    await user.type(workspace, "acme");
    expect(screen.queryByText("Enter your workspace to continue with Google.")).toBeNull();
    expect(workspace).not.toHaveAttribute("aria-invalid");
    await user.click(screen.getByRole("button", { name: "Continue with Google" }));
    expect(leave).toHaveBeenCalledOnce();
    expect(new URL(leave.mock.calls[0]?.[0] as string).searchParams.get("tenant")).toBe("acme");
  });
});
