import { afterEach, describe, expect, it, vi } from "vitest";
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { getAccessToken } from "@/lib/api";
import { fakeServer, json } from "@/test/fake-server";
import { SignInForm } from "./sign-in-form";

afterEach(() => vi.unstubAllGlobals());

const CODES = Array.from({ length: 10 }, (_, index) => `code-${index}`);

describe("signing in to a workspace that requires MFA", () => {
  it("sets up the authenticator with the enrolment token, shows the recovery codes once, then signs in", async () => {
    const { seen } = fakeServer((request) => {
      switch (request.path) {
        case "/api/v1/auth/login":
          return json(200, { mfaRequired: true, mfaSetupRequired: true, mfaToken: "enrol-1" });
        case "/api/v1/auth/mfa/totp/setup":
          return json(200, { secret: "JBSWY3DPEHPK3PXP", otpauthUri: "otpauth://totp/Castiel:ada?secret=JBSWY3DPEHPK3PXP&issuer=Castiel" });
        case "/api/v1/auth/mfa/totp/enable":
          return json(200, { recoveryCodes: CODES, accessToken: "after-enrolment", expiresIn: 900, tokenType: "Bearer" });
        default:
          return json(404, { status: 404 });
      }
    });
    const onSignedIn = vi.fn();
    render(
      <QueryClientProvider client={new QueryClient({ defaultOptions: { mutations: { retry: false } } })}>
        <SignInForm onSignedIn={onSignedIn} />
      </QueryClientProvider>,
    );
    const user = userEvent.setup();

    await user.type(screen.getByLabelText("Email"), "ada@example.test");
    await user.type(screen.getByLabelText("Password"), "correct horse");
    await user.keyboard("{Enter}");

    expect(await screen.findByRole("img", { name: "QR code of the authenticator key" })).toBeInTheDocument();
    expect(screen.getByText(/otpauth:\/\/totp\//)).toBeInTheDocument();
    expect(JSON.parse(seen.find((request) => request.path.endsWith("/setup"))!.body)).toEqual({ mfaToken: "enrol-1" });

    await user.type(screen.getByLabelText("Authentication code"), "12345");
    await user.click(screen.getByRole("button", { name: "Turn on" }));
    expect(screen.getByText("Enter the code from your app.")).toBeInTheDocument();

    await user.type(screen.getByLabelText("Authentication code"), "6");
    await user.click(screen.getByRole("button", { name: "Turn on" }));
    const list = await screen.findByRole("list", { name: "Recovery codes" });
    expect(list.querySelectorAll("li")).toHaveLength(10);
    expect(screen.getByText("Save these recovery codes now: they are shown only once.")).toBeInTheDocument();
    const enable = seen.find((request) => request.path.endsWith("/enable"))!;
    expect(JSON.parse(enable.body)).toEqual({ code: "123456", mfaToken: "enrol-1" });
    expect(enable.headers.get("X-Castiel-Refresh-Cookie")).toBe("true");
    expect(getAccessToken()).toBe("after-enrolment");
    expect(onSignedIn).not.toHaveBeenCalled();

    await user.click(screen.getByRole("button", { name: "I have saved them" }));
    expect(onSignedIn).toHaveBeenCalledOnce();
  });
});
