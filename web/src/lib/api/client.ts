import createClient from "openapi-fetch";
import type { paths } from "./schema";
import { takeEarly } from "./early";
import { getAccessToken, refreshSession } from "./session";
import { NetworkError } from "./problem";

/** Paths that must never trigger the refresh-and-retry (they are the sign-in itself). */
const NO_RETRY = /\/api\/v1\/auth\/(login|register|refresh|logout|mfa\/verify|password\/(forgot|reset)|verify-email|invitations\/accept)$/;

function withToken(request: Request, token: string | null): Request {
  const copy = new Request(request);
  if (token) {
    copy.headers.set("Authorization", `Bearer ${token}`);
  }
  return copy;
}

/**
 * The fetch behind the generated client: adds the in-memory access token, and on a 401 refreshes
 * the token once (with the refresh cookie) and repeats the request once.
 */
export async function authFetch(input: Request): Promise<Response> {
  const early = await takeEarly(input);
  if (early) return early;
  const retryable = !NO_RETRY.test(new URL(input.url).pathname);
  // Kept before the first send, whose body can be read only once.
  const spare = retryable ? input.clone() : null;
  let response: Response;
  try {
    response = await fetch(withToken(input, getAccessToken()));
  } catch (cause) {
    throw new NetworkError(cause);
  }
  if (response.status !== 401 || !spare) {
    return response;
  }
  let refreshed = false;
  try {
    refreshed = await refreshSession();
  } catch {
    return response;
  }
  if (!refreshed) {
    return response;
  }
  try {
    return await fetch(withToken(spare, getAccessToken()));
  } catch (cause) {
    throw new NetworkError(cause);
  }
}

/** The typed API client, generated from web/openapi.json (paths include /api/v1). */
export const api = createClient<paths>({
  baseUrl: typeof window === "undefined" ? "" : window.location.origin,
  credentials: "same-origin",
  fetch: authFetch,
});
