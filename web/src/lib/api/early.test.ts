import { afterEach, describe, expect, it, vi } from "vitest";
import { api, call, endSession, startSession } from "@/lib/api";
import { fakeServer, json } from "@/test/fake-server";
import { earlyFetch, resetEarlyForTests } from "./early";

afterEach(() => {
  resetEarlyForTests();
  vi.unstubAllGlobals();
});

describe("an early request", () => {
  it("answers the app's identical request once, which is then not sent again", async () => {
    const { seen } = fakeServer((request) => json(200, { path: request.path, n: seen.length }));

    const parsed = await earlyFetch("POST", "/api/v1/analytics/query", { type: "deal", measures: ["count"] });
    const first = await call(api.POST("/api/v1/analytics/query", { body: { type: "deal", measures: ["count"] } as never }));
    const second = await call(api.POST("/api/v1/analytics/query", { body: { type: "deal", measures: ["count"] } as never }));

    expect(parsed).toEqual({ path: "/api/v1/analytics/query", n: 1 });
    expect(first).toEqual(parsed);
    expect(second).toEqual({ path: "/api/v1/analytics/query", n: 2 });
    expect(seen).toHaveLength(2);
  });

  it("is not taken by a request with another body or path", async () => {
    const { seen } = fakeServer((request) => json(200, { body: request.body }));

    await earlyFetch("POST", "/api/v1/analytics/query", { type: "a" });
    const other = await call(api.POST("/api/v1/analytics/query", { body: { type: "b" } as never }));
    await call(api.GET("/api/v1/me"));

    expect(other).toEqual({ body: '{"type":"b"}' });
    expect(seen.map((request) => request.path)).toEqual(["/api/v1/analytics/query", "/api/v1/analytics/query", "/api/v1/me"]);
  });

  it("that failed leaves the app's request to be sent as usual", async () => {
    let calls = 0;
    const { seen } = fakeServer(() => (++calls === 1 ? json(503, { title: "busy" }) : json(200, { ok: true })));

    expect(await earlyFetch("GET", "/api/v1/me")).toBeUndefined();
    expect(await call(api.GET("/api/v1/me"))).toEqual({ ok: true });
    expect(seen).toHaveLength(2);
  });
});

describe("an early answer", () => {
  it("is not taken under another session", async () => {
    const { seen } = fakeServer(() => json(200, { n: seen.length }));
    startSession({ accessToken: "token-a", expiresIn: 900 });
    await earlyFetch("GET", "/api/v1/me");
    startSession({ accessToken: "token-b", expiresIn: 900 });

    expect(await call(api.GET("/api/v1/me"))).toEqual({ n: 2 });
    expect(seen.map((request) => request.headers.get("Authorization"))).toEqual(["Bearer token-a", "Bearer token-b"]);
    endSession();
  });
});
