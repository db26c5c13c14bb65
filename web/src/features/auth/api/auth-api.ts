import { api, call, cookieModeHeaders, startSession, type components } from "@/lib/api";

export type Me = components["schemas"]["Me"];
type TokenPair = components["schemas"]["TokenPair"];
type MfaChallenge = components["schemas"]["MfaChallenge"];

/** What a sign-in step led to. */
export type SignInOutcome =
  | { kind: "signedIn" }
  | { kind: "mfaRequired"; mfaToken: string }
  | { kind: "mfaSetupRequired"; mfaToken: string };

function outcomeOf(answer: TokenPair | MfaChallenge): SignInOutcome {
  if ("mfaRequired" in answer && answer.mfaRequired) {
    if ("mfaSetupRequired" in answer && answer.mfaSetupRequired) {
      return { kind: "mfaSetupRequired", mfaToken: answer.mfaToken ?? "" };
    }
    return { kind: "mfaRequired", mfaToken: answer.mfaToken ?? "" };
  }
  startSession(answer as TokenPair);
  return { kind: "signedIn" };
}

export type SignInInput = { email: string; password: string; tenant?: string | undefined };

export async function signIn({ email, password, tenant }: SignInInput): Promise<SignInOutcome> {
  const answer = await call(
    api.POST("/api/v1/auth/login", {
      body: { email, password, ...(tenant ? { tenant } : {}) },
      headers: cookieModeHeaders,
    }),
  );
  return outcomeOf(answer);
}

export async function verifyMfa(input: { mfaToken: string; code: string }): Promise<SignInOutcome> {
  const answer = await call(api.POST("/api/v1/auth/mfa/verify", { body: input, headers: cookieModeHeaders }));
  return outcomeOf(answer as TokenPair | MfaChallenge);
}

/**
 * Finishes a single sign-on (OIDC/OAuth or SAML): the server sent the browser back with a
 * one-time code (never tokens in the URL), exchanged here for a cookie-mode session.
 */
export async function exchangeSsoCode(code: string): Promise<SignInOutcome> {
  const answer = await call(api.POST("/api/v1/auth/oauth/token", { body: { code }, headers: cookieModeHeaders }));
  return outcomeOf(answer as TokenPair | MfaChallenge);
}

/** A new authenticator secret: for the signed-in person, or with the enrolment token of a sign-in. */
export async function setUpTotp(mfaToken?: string) {
  return call(api.POST("/api/v1/auth/mfa/totp/setup", { body: mfaToken ? { mfaToken } : {} }));
}

/**
 * Turns TOTP on with a first code and answers the recovery codes (shown once). With an enrolment
 * token it also finishes the sign-in, in cookie mode like a password login.
 */
export async function enableTotp(code: string, mfaToken?: string): Promise<string[]> {
  const enabled = await call(
    api.POST("/api/v1/auth/mfa/totp/enable", { body: { code, ...(mfaToken && { mfaToken }) }, headers: cookieModeHeaders }),
  );
  if (enabled.accessToken) startSession(enabled);
  return enabled.recoveryCodes ?? [];
}

export type SignUpInput = { tenantName: string; name: string; email: string; password: string };

export async function signUp(input: SignUpInput): Promise<void> {
  const answer = await call(api.POST("/api/v1/auth/register", { body: input, headers: cookieModeHeaders }));
  startSession(answer);
}

export async function forgotPassword(input: { email: string; tenant?: string | undefined }): Promise<void> {
  await call(
    api.POST("/api/v1/auth/password/forgot", {
      body: { email: input.email, ...(input.tenant ? { tenant: input.tenant } : {}) },
    }),
  );
}

export async function resetPassword(input: { token: string; password: string }): Promise<void> {
  await call(api.POST("/api/v1/auth/password/reset", { body: input }));
}

export async function verifyEmail(token: string): Promise<void> {
  await call(api.POST("/api/v1/auth/verify-email", { body: { token } }));
}

/**
 * Accepts an invitation (sets the name and password). The endpoint has no cookie mode, so the
 * answer's tokens are not kept: the new member signs in next, which starts a cookie-mode session.
 */
export async function acceptInvitation(input: { token: string; name: string; password: string }): Promise<void> {
  await call(api.POST("/api/v1/auth/invitations/accept", { body: input }));
}

export async function getMe(): Promise<Me> {
  return call(api.GET("/api/v1/me"));
}
