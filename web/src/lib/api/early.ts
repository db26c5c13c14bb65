/**
 * Requests started before the app's code has loaded, for the first page's data: the app's own
 * request for the same method, path and body takes the answer instead of sending it again
 * (authFetch), so the page's data travels while the framework downloads and starts.
 *
 * Kept free of imports beyond the session: the module runs from the small entry chunk.
 */
import { getAccessToken } from "./session";

/** An early answer older than this is not handed out: the page it was for has long rendered. */
const MAX_AGE_MS = 15_000;

type Early = { response: Promise<Response | null>; at: number };

const early = new Map<string, Early>();

// The access token is part of the key: an answer is only ever taken under the session that asked
// for it (not after a sign-out and another sign-in, nor across a refresh: then it is sent again).
function keyOf(method: string, url: string, body: string | null, token: string | null): string {
  return `${method} ${new URL(url, window.location.origin).href}\n${token ?? ""}\n${body ?? ""}`;
}

/**
 * Sends a request with the current access token and keeps its answer for the app's identical
 * request; resolves with the parsed JSON of a 2xx answer (undefined otherwise), for requests
 * that depend on it.
 */
export function earlyFetch(method: "GET" | "POST", path: string, body?: unknown): Promise<unknown> {
  const token = getAccessToken();
  const text = body === undefined ? null : JSON.stringify(body);
  const response = fetch(new URL(path, window.location.origin), {
    method,
    credentials: "same-origin",
    headers: {
      Accept: "application/json",
      ...(text !== null && { "Content-Type": "application/json" }),
      ...(token && { Authorization: `Bearer ${token}` }),
    },
    ...(text !== null && { body: text }),
  }).catch(() => null);
  early.set(keyOf(method, path, text, token), { response, at: performance.now() });
  return response.then((answer) => (answer?.ok ? answer.clone().json().catch(() => undefined) : undefined));
}

/**
 * The early answer for this request, once (a second identical request is sent as usual);
 * undefined when there is none, or when it failed: then the request is sent as usual.
 */
export async function takeEarly(request: Request): Promise<Response | undefined> {
  if (early.size === 0) return undefined;
  const body = request.method === "GET" ? null : await request.clone().text();
  const key = keyOf(request.method, request.url, body, getAccessToken());
  const entry = early.get(key);
  if (!entry) return undefined;
  early.delete(key);
  if (performance.now() - entry.at > MAX_AGE_MS) return undefined;
  const response = await entry.response;
  return response?.ok ? response : undefined;
}

/** For tests: forget every early request. */
export function resetEarlyForTests(): void {
  early.clear();
}
