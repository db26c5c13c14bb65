import { afterEach, describe, expect, it, vi } from "vitest";
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { getAccessToken } from "@/lib/api";
import { fakeServer, json } from "@/test/fake-server";
import { SignInForm } from "./sign-in-form";

afterEach(() => vi.unstubAllGlobals());

function renderForm() {
  const onSignedIn = vi.fn();
  const client = new QueryClient({ defaultOptions: { mutations: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <SignInForm onSignedIn={onSignedIn} />
    </QueryClientProvider>,
  );
  return { onSignedIn, user: userEvent.setup() };
}

describe("the sign-in form", () => {
  it("signs in with email and password", async () => {
    const { seen } = fakeServer(() => json(200, { accessToken: "tok", expiresIn: 900, tokenType: "Bearer" }));
    const { onSignedIn, user } = renderForm();

    await user.type(screen.getByLabelText("Email"), "ada@example.test");
    await user.type(screen.getByLabelText("Password"), "correct horse");
    await user.keyboard("{Enter}");

    await vi.waitFor(() => expect(onSignedIn).toHaveBeenCalledOnce());
    expect(JSON.parse(seen[0]?.body ?? "")).toEqual({ email: "ada@example.test", password: "correct horse" });
    expect(getAccessToken()).toBe("tok");
  });

  it("asks for the MFA code when the server answers mfaRequired, then signs in", async () => {
    const { seen } = fakeServer((request) =>
      request.path === "/api/v1/auth/login"
        ? json(200, { mfaRequired: true, mfaToken: "mfa-1" })
        : JSON.parse(request.body).code === "123456"
          ? json(200, { accessToken: "tok", expiresIn: 900 })
          : json(401, { title: "Unauthorized", status: 401, detail: "invalid code" }),
    );
    const { onSignedIn, user } = renderForm();

    await user.type(screen.getByLabelText("Email"), "ada@example.test");
    await user.type(screen.getByLabelText("Password"), "correct horse");
    await user.click(screen.getByRole("button", { name: "Sign in" }));

    const code = await screen.findByLabelText("Authentication code");
    expect(code).toHaveFocus();
    expect(onSignedIn).not.toHaveBeenCalled();

    await user.type(code, "000000");
    await user.click(screen.getByRole("button", { name: "Verify" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("That code is not valid");

    await user.clear(code);
    await user.type(code, "123 456");
    await user.click(screen.getByRole("button", { name: "Verify" }));

    await vi.waitFor(() => expect(onSignedIn).toHaveBeenCalledOnce());
    const verify = seen.filter((r) => r.path === "/api/v1/auth/mfa/verify").at(-1);
    expect(JSON.parse(verify?.body ?? "")).toEqual({ mfaToken: "mfa-1", code: "123456" });
    expect(verify?.headers.get("X-Castiel-Refresh-Cookie")).toBe("true");
    expect(getAccessToken()).toBe("tok");
  });

  it("shows wrong credentials as a human message", async () => {
    fakeServer(() => json(401, { type: "about:blank", title: "Unauthorized", status: 401, detail: "Bad credentials" }));
    const { onSignedIn, user } = renderForm();

    await user.type(screen.getByLabelText("Email"), "ada@example.test");
    await user.type(screen.getByLabelText("Password"), "wrong");
    await user.click(screen.getByRole("button", { name: "Sign in" }));

    expect(await screen.findByRole("alert")).toHaveTextContent("Your email or password is incorrect.");
    expect(onSignedIn).not.toHaveBeenCalled();
  });

  it("puts the server's field errors on the right inputs", async () => {
    fakeServer(() =>
      json(422, { status: 422, title: "Unprocessable", errors: [{ pointer: "/email", message: "Unknown domain." }] }),
    );
    const { user } = renderForm();

    await user.type(screen.getByLabelText("Email"), "ada@example.test");
    await user.type(screen.getByLabelText("Password"), "pw");
    await user.click(screen.getByRole("button", { name: "Sign in" }));

    const email = screen.getByLabelText("Email");
    await vi.waitFor(() => expect(email).toHaveAttribute("aria-invalid", "true"));
    expect(email).toHaveAccessibleDescription("Unknown domain.");
    expect(screen.getByLabelText("Password")).not.toHaveAttribute("aria-invalid");
  });

  it("checks required fields before calling the server", async () => {
    const { fetchMock } = fakeServer(() => json(500, {}));
    const { user } = renderForm();

    await user.click(screen.getByRole("button", { name: "Sign in" }));

    expect(screen.getByLabelText("Email")).toHaveAccessibleDescription("This field is required.");
    expect(screen.getByLabelText("Email")).toHaveFocus();
    expect(fetchMock).not.toHaveBeenCalled();
  });
});
