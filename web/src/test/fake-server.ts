import { vi } from "vitest";

export type Seen = { method: string; path: string; search: URLSearchParams; headers: Headers; body: string };
type Handler = (request: Seen) => Response | Promise<Response>;

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  const type = status >= 400 ? "application/problem+json" : "application/json";
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": type, ...headers } });
}

export function empty(status: number): Response {
  return new Response(null, { status });
}

/**
 * Replaces the global fetch with `handler` and records every request (method, path, query, headers,
 * body), whether it came from the generated client (a Request) or a plain fetch(url, init).
 */
export function fakeServer(handler: Handler) {
  const seen: Seen[] = [];
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(String(input), init);
    const entry: Seen = {
      method: request.method,
      path: new URL(request.url).pathname,
      search: new URL(request.url).searchParams,
      headers: request.headers,
      body: await request.text(),
    };
    seen.push(entry);
    return handler(entry);
  });
  vi.stubGlobal("fetch", fetchMock);
  return { seen, fetchMock };
}
