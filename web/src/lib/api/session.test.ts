import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { api, call, getAccessToken, getSessionState, refreshSession, signOut, startSession, startupSession } from "@/lib/api";
import { signIn } from "@/features/auth/api/auth-api";
import { empty, fakeServer, json } from "@/test/fake-server";

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe("the access token", () => {
  it("stays in memory only and the refresh token is asked for as a cookie", async () => {
    const { seen } = fakeServer(() =>
      json(200, { accessToken: "access-1", expiresIn: 900, tokenType: "Bearer" }),
    );

    await signIn({ email: "ada@example.test", password: "correct horse" });

    expect(getAccessToken()).toBe("access-1");
    expect(getSessionState().status).toBe("signedIn");
    expect(seen[0]?.path).toBe("/api/v1/auth/login");
    expect(seen[0]?.headers.get("X-Castiel-Refresh-Cookie")).toBe("true");
    const stored = [localStorage, sessionStorage].flatMap((storage) =>
      Array.from({ length: storage.length }, (_, i) => storage.getItem(storage.key(i) ?? "")),
    );
    expect(stored.join("")).not.toContain("access-1");
    expect(document.cookie).not.toContain("access-1");
  });

  it("is sent as a bearer token", async () => {
    const { seen } = fakeServer(() => json(200, { user: { id: "u", email: "a@b.c", name: "A" }, tenant: {} }));
    startSession({ accessToken: "access-1", expiresIn: 900 });

    await call(api.GET("/api/v1/me"));

    expect(seen[0]?.headers.get("Authorization")).toBe("Bearer access-1");
  });
});

describe("refresh", () => {
  it("uses the cookie: empty body, CSRF header, cookie mode", async () => {
    const { seen } = fakeServer(() => json(200, { accessToken: "access-2", expiresIn: 900 }));

    expect(await refreshSession()).toBe(true);

    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ method: "POST", path: "/api/v1/auth/refresh", body: "" });
    expect(seen[0]?.headers.get("X-Castiel-CSRF")).toBe("1");
    expect(seen[0]?.headers.get("X-Castiel-Refresh-Cookie")).toBe("true");
    expect(getAccessToken()).toBe("access-2");
  });

  it("on app start signs the user in when the cookie is still good", async () => {
    fakeServer(() => json(200, { accessToken: "access-after-reload", expiresIn: 900 }));

    expect(await startupSession()).toBe(true);
    expect(getSessionState().status).toBe("signedIn");
  });

  it("on app start leaves the user signed out when the cookie is refused", async () => {
    fakeServer(() => json(401, { title: "Unauthorized", status: 401 }));

    expect(await startupSession()).toBe(false);
    expect(getSessionState()).toEqual({ status: "signedOut", expired: false });
    expect(getAccessToken()).toBeNull();
  });

  it("after a 401 refreshes once and repeats the request with the new token", async () => {
    let meCalls = 0;
    const { seen } = fakeServer((request) => {
      if (request.path === "/api/v1/auth/refresh") {
        return json(200, { accessToken: "fresh", expiresIn: 900 });
      }
      meCalls++;
      return request.headers.get("Authorization") === "Bearer fresh"
        ? json(200, { user: { name: "Ada" }, tenant: {} })
        : json(401, { title: "Unauthorized", status: 401 });
    });
    startSession({ accessToken: "stale", expiresIn: 900 });

    const me = await call(api.GET("/api/v1/me"));

    expect(me.user?.name).toBe("Ada");
    expect(meCalls).toBe(2);
    expect(seen.map((r) => r.path)).toEqual(["/api/v1/me", "/api/v1/auth/refresh", "/api/v1/me"]);
  });

  it("repeats a request with its body after the refresh", async () => {
    const { seen } = fakeServer((request) => {
      if (request.path === "/api/v1/auth/refresh") {
        return json(200, { accessToken: "fresh", expiresIn: 900 });
      }
      return request.headers.get("Authorization") === "Bearer fresh"
        ? json(201, { id: "k", name: "ci", key: "ck_x" })
        : json(401, { status: 401 });
    });
    startSession({ accessToken: "stale", expiresIn: 900 });

    await call(api.POST("/api/v1/api-keys", { body: { name: "ci", roles: ["member"] } }));

    expect(seen[2]?.body).toBe(seen[0]?.body);
    expect(JSON.parse(seen[2]?.body ?? "{}")).toMatchObject({ name: "ci" });
  });

  it("does not loop: a second 401 is the answer, and a refused refresh ends the session", async () => {
    const { seen } = fakeServer((request) =>
      request.path === "/api/v1/auth/refresh" ? json(401, { status: 401 }) : json(401, { status: 401 }),
    );
    startSession({ accessToken: "stale", expiresIn: 900 });

    await expect(call(api.GET("/api/v1/me"))).rejects.toMatchObject({ status: 401 });

    expect(seen.map((r) => r.path)).toEqual(["/api/v1/me", "/api/v1/auth/refresh"]);
    expect(getSessionState()).toEqual({ status: "signedOut", expired: true });
  });

  it("shares one refresh between parallel 401s (the refresh token rotates on use)", async () => {
    const { seen } = fakeServer(async (request) => {
      if (request.path === "/api/v1/auth/refresh") {
        await new Promise((resolve) => setTimeout(resolve, 10));
        return json(200, { accessToken: "fresh", expiresIn: 900 });
      }
      return request.headers.get("Authorization") === "Bearer fresh" ? json(200, {}) : json(401, { status: 401 });
    });
    startSession({ accessToken: "stale", expiresIn: 900 });

    await Promise.all([call(api.GET("/api/v1/me")), call(api.GET("/api/v1/me")), call(api.GET("/api/v1/me"))]);

    expect(seen.filter((r) => r.path === "/api/v1/auth/refresh")).toHaveLength(1);
  });

  it("happens by itself a minute before the access token expires", async () => {
    vi.useFakeTimers();
    const { seen } = fakeServer(() => json(200, { accessToken: "next", expiresIn: 900 }));
    startSession({ accessToken: "first", expiresIn: 900 });

    await vi.advanceTimersByTimeAsync(838_000);
    expect(seen).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(3_000);

    expect(seen.map((r) => r.path)).toEqual(["/api/v1/auth/refresh"]);
    expect(getAccessToken()).toBe("next");
  });
});

describe("sign out", () => {
  it("revokes the cookie's session with an empty body and the CSRF header, and forgets the token", async () => {
    const { seen } = fakeServer(() => empty(204));
    startSession({ accessToken: "access-1", expiresIn: 900 });

    await signOut();

    expect(seen[0]).toMatchObject({ method: "POST", path: "/api/v1/auth/logout", body: "" });
    expect(seen[0]?.headers.get("X-Castiel-CSRF")).toBe("1");
    expect(getAccessToken()).toBeNull();
    expect(getSessionState().status).toBe("signedOut");
  });
});

beforeEach(() => {
  expect(getAccessToken()).toBeNull();
});
