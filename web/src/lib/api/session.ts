/**
 * The signed-in session: the access token lives in this module's memory only (never in
 * localStorage or sessionStorage); the refresh token is an HttpOnly cookie that the server sets
 * when a request carries `X-Castiel-Refresh-Cookie: true`, and that `POST /auth/refresh` and
 * `/auth/logout` read when called with an empty body and `X-Castiel-CSRF: 1`.
 */
import { apiErrorOf, NetworkError } from "./problem";

export const REFRESH_COOKIE_HEADER = "X-Castiel-Refresh-Cookie";
export const CSRF_HEADER = "X-Castiel-CSRF";

/** Headers that ask the server to put the refresh token in its cookie instead of the body. */
export const cookieModeHeaders = { [REFRESH_COOKIE_HEADER]: "true" } as const;

/** Refresh this long before the access token expires. */
const REFRESH_MARGIN_MS = 60_000;
const MIN_REFRESH_DELAY_MS = 5_000;

export type SessionStatus = "unknown" | "signedIn" | "signedOut";
export type SessionState = { status: SessionStatus; expired: boolean };

export type TokenAnswer = { accessToken?: string; expiresIn?: number };

let accessToken: string | null = null;
let expiresAt = 0;
let state: SessionState = { status: "unknown", expired: false };
let refreshTimer: ReturnType<typeof setTimeout> | undefined;
let refreshing: Promise<boolean> | null = null;
let started: Promise<boolean> | null = null;
const listeners = new Set<() => void>();

function setState(next: SessionState) {
  if (next.status !== state.status || next.expired !== state.expired) {
    state = next;
    listeners.forEach((listener) => listener());
  }
}

export function getSessionState(): SessionState {
  return state;
}

export function subscribeSession(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function getAccessToken(): string | null {
  return accessToken;
}

/** Milliseconds since the epoch when the access token expires (0 when signed out). */
export function getAccessTokenExpiry(): number {
  return expiresAt;
}

/** Takes the access token of a login, registration, MFA verification or refresh answer. */
export function startSession(answer: TokenAnswer): void {
  if (!answer.accessToken) {
    throw new Error("the answer carries no access token");
  }
  accessToken = answer.accessToken;
  const lifetimeMs = (answer.expiresIn ?? 900) * 1000;
  expiresAt = Date.now() + lifetimeMs;
  scheduleRefresh(lifetimeMs);
  setState({ status: "signedIn", expired: false });
}

/** Forgets the access token; `expired` says the session ended by itself (not by signing out). */
export function endSession(expired = false): void {
  accessToken = null;
  expiresAt = 0;
  if (refreshTimer !== undefined) {
    clearTimeout(refreshTimer);
    refreshTimer = undefined;
  }
  setState({ status: "signedOut", expired });
}

function scheduleRefresh(lifetimeMs: number) {
  if (refreshTimer !== undefined) {
    clearTimeout(refreshTimer);
  }
  const delay = Math.max(lifetimeMs - REFRESH_MARGIN_MS, MIN_REFRESH_DELAY_MS);
  refreshTimer = setTimeout(() => {
    refreshTimer = undefined;
    void refreshSession();
  }, delay);
}

function apiUrl(path: string): string {
  return new URL(path, window.location.origin).toString();
}

/**
 * Gets a new access token with the refresh cookie. Concurrent callers share one request (the
 * server rotates the refresh token on every use, so two parallel refreshes would spend it twice).
 * Resolves true when signed in afterwards; a refusal (401) ends the session.
 */
export function refreshSession(): Promise<boolean> {
  if (!refreshing) {
    refreshing = doRefresh().finally(() => {
      refreshing = null;
    });
  }
  return refreshing;
}

async function doRefresh(): Promise<boolean> {
  const wasSignedIn = state.status === "signedIn";
  let response: Response;
  try {
    response = await fetch(apiUrl("/api/v1/auth/refresh"), {
      method: "POST",
      credentials: "same-origin",
      headers: { ...cookieModeHeaders, [CSRF_HEADER]: "1", Accept: "application/json" },
    });
  } catch (cause) {
    // Offline: keep the current token (it may still be valid) and let the caller see the failure.
    if (!wasSignedIn) {
      endSession(false);
    }
    throw new NetworkError(cause);
  }
  if (response.ok) {
    startSession((await response.json()) as TokenAnswer);
    return true;
  }
  if (response.status === 401 || response.status === 400 || response.status === 403) {
    // An unread body keeps the request open in Chromium (the page never reaches network idle).
    await response.body?.cancel().catch(() => undefined);
    endSession(wasSignedIn);
    return false;
  }
  throw await apiErrorOf(response);
}

/**
 * Called once when the app starts: a reload loses the in-memory token, so ask for a new one with
 * the refresh cookie. Resolves true when the user is signed in.
 */
export function startupSession(): Promise<boolean> {
  if (!started) {
    started = refreshSession().catch(() => {
      endSession(false);
      return false;
    });
  }
  return started;
}

/** Ends the session on the server (revokes the refresh cookie's session) and here. */
export async function signOut(): Promise<void> {
  const token = accessToken;
  try {
    await fetch(apiUrl("/api/v1/auth/logout"), {
      method: "POST",
      credentials: "same-origin",
      headers: {
        ...cookieModeHeaders,
        [CSRF_HEADER]: "1",
        ...(token && { Authorization: `Bearer ${token}` }),
      },
    });
  } catch {
    // Signed out here even when the server cannot be reached; the cookie expires by itself.
  } finally {
    endSession(false);
  }
}

/** For tests: back to the state of a fresh page load. */
export function resetSessionForTests(): void {
  endSession(false);
  state = { status: "unknown", expired: false };
  refreshing = null;
  started = null;
}
