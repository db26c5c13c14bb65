import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { endSession, startSession } from "@/lib/api";
import { json, fakeServer } from "@/test/fake-server";
import { matches, RealtimeConnection, type RealtimeEvent, type SocketLike } from "./socket";

class FakeSocket implements SocketLike {
  readyState = 0;
  sent: Record<string, unknown>[] = [];
  closedWith: number | undefined;
  onopen: ((event: unknown) => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onclose: ((event: { code: number }) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;

  constructor(readonly url: string) {}

  send(data: string) {
    this.sent.push(JSON.parse(data) as Record<string, unknown>);
  }
  close(code?: number) {
    this.closedWith = code ?? 1005;
    this.readyState = 3;
  }
  /** The server side. */
  open() {
    this.readyState = 1;
    this.onopen?.({});
  }
  receive(message: unknown) {
    this.onmessage?.({ data: JSON.stringify(message) });
  }
  drop(code = 1006) {
    this.readyState = 3;
    this.onclose?.({ code });
  }
  types() {
    return this.sent.map((message) => message.type);
  }
}

const inAnHour = () => new Date(Date.now() + 3_600_000).toISOString();

function setUp() {
  const sockets: FakeSocket[] = [];
  const connection = new RealtimeConnection({
    url: () => "ws://castiel.test/ws",
    createSocket: (url) => {
      const socket = new FakeSocket(url);
      sockets.push(socket);
      return socket;
    },
  });
  const last = () => sockets[sockets.length - 1]!;
  const openAndReady = (expiresAt = inAnHour()) => {
    last().open();
    last().receive({ type: "ready", userId: "u1", tenantId: "t1", roles: ["member"], expiresAt });
  };
  return { connection, sockets, last, openAndReady };
}

function event(type: string, data: Record<string, unknown>): RealtimeEvent {
  return { id: "e1", type, tenantId: "t1", occurredAt: "2026-01-01T00:00:00Z", data };
}

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe("RealtimeConnection", () => {
  it("stays closed until signed in and someone listens, then authenticates on open", () => {
    const { connection, sockets, last } = setUp();
    connection.onMessage(() => undefined);
    expect(sockets).toHaveLength(0);

    startSession({ accessToken: "token-1", expiresIn: 900 });
    expect(sockets).toHaveLength(1);
    expect(last().url).toBe("ws://castiel.test/ws");
    expect(last().sent).toEqual([]);
    last().open();
    expect(last().sent).toEqual([{ type: "auth", token: "token-1" }]);
    expect(connection.isReady()).toBe(false);
    last().receive({ type: "ready", expiresAt: inAnHour() });
    expect(connection.isReady()).toBe(true);
  });

  it("subscribes once ready and hands each event in the server's envelope to matching subscriptions", () => {
    startSession({ accessToken: "token-1", expiresIn: 900 });
    const { connection, last, openAndReady } = setUp();
    const accounts: RealtimeEvent[] = [];
    const everything: RealtimeEvent[] = [];
    connection.subscribe({ events: ["shard.*"], shardTypes: ["c_account"] }, (e) => accounts.push(e));
    connection.subscribe({ events: ["*"] }, (e) => everything.push(e));
    openAndReady();
    expect(last().sent.slice(1)).toEqual([
      { type: "subscribe", id: "web1", events: ["shard.*"], shardTypes: ["c_account"] },
      { type: "subscribe", id: "web2", events: ["*"] },
    ]);

    last().receive({ type: "event", event: event("shard.created", { id: "s1", shardType: "c_account" }) });
    last().receive({ type: "event", event: event("shard.created", { id: "s2", shardType: "c_contact" }) });
    expect(accounts.map((e) => e.data.id)).toEqual(["s1"]);
    expect(everything.map((e) => e.data.id)).toEqual(["s1", "s2"]);
  });

  it("passes notifications to message listeners, not to subscriptions", () => {
    startSession({ accessToken: "token-1", expiresIn: 900 });
    const { connection, last, openAndReady } = setUp();
    const messages: unknown[] = [];
    const events: unknown[] = [];
    connection.onMessage((message) => messages.push(message));
    connection.subscribe({ events: ["*"] }, (e) => events.push(e));
    openAndReady();
    last().receive({ type: "notification", notification: { id: "n1", title: "Hi" }, unreadCount: 3 });
    last().receive({ type: "notifications.read", ids: ["n1"], unreadCount: 2 });
    expect(events).toEqual([]);
    expect(messages).toContainEqual({ type: "notification", notification: { id: "n1", title: "Hi" }, unreadCount: 3 });
    expect(messages).toContainEqual({ type: "notifications.read", ids: ["n1"], unreadCount: 2 });
  });

  it("reconnects with growing backoff and sends its subscriptions and watches again", () => {
    vi.spyOn(Math, "random").mockReturnValue(1);
    startSession({ accessToken: "token-1", expiresIn: 900 });
    const { connection, sockets, last, openAndReady } = setUp();
    connection.subscribe({ events: ["shard.updated"] }, () => undefined);
    connection.watchDashboard("d1", () => undefined);
    openAndReady();

    last().drop();
    expect(connection.isReady()).toBe(false);
    vi.advanceTimersByTime(499);
    expect(sockets).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(sockets).toHaveLength(2);
    // The second attempt fails too: the wait doubles.
    last().drop();
    vi.advanceTimersByTime(999);
    expect(sockets).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(sockets).toHaveLength(3);

    openAndReady();
    expect(last().sent).toEqual([
      { type: "auth", token: "token-1" },
      { type: "subscribe", id: "web1", events: ["shard.updated"] },
      { type: "watch", dashboardId: "d1" },
    ]);
    // Ready resets the backoff.
    last().drop();
    vi.advanceTimersByTime(500);
    expect(sockets).toHaveLength(4);
  });

  it("after token_expired, refreshes the session before reconnecting with the new token", async () => {
    vi.spyOn(Math, "random").mockReturnValue(1);
    const server = fakeServer(() => json(200, { accessToken: "token-2", expiresIn: 900 }));
    startSession({ accessToken: "token-1", expiresIn: 900 });
    const { connection, sockets, last, openAndReady } = setUp();
    connection.onMessage(() => undefined);
    openAndReady();

    last().receive({ type: "error", code: "token_expired", message: "The access token expired" });
    last().drop(1008);
    await vi.advanceTimersByTimeAsync(500);
    expect(server.seen.map((r) => r.path)).toEqual(["/api/v1/auth/refresh"]);
    expect(sockets).toHaveLength(2);
    last().open();
    expect(last().sent).toEqual([{ type: "auth", token: "token-2" }]);
  });

  it("re-authenticates on the open socket with the session's new token before the old one expires", async () => {
    startSession({ accessToken: "token-1", expiresIn: 900 });
    const { connection, sockets, last, openAndReady } = setUp();
    connection.onMessage(() => undefined);
    openAndReady(new Date(Date.now() + 120_000).toISOString());

    // The session refreshed meanwhile (it does so a minute before expiry).
    startSession({ accessToken: "token-2", expiresIn: 900 });
    await vi.advanceTimersByTimeAsync(90_000);
    expect(last().sent).toEqual([
      { type: "auth", token: "token-1" },
      { type: "auth", token: "token-2" },
    ]);
    expect(sockets).toHaveLength(1);
    // The server's answer to a re-authentication does not subscribe everything again.
    last().receive({ type: "ready", expiresAt: inAnHour() });
    expect(last().sent).toHaveLength(2);
  });

  it("watches and unwatches a dashboard, routing its stale messages and errors to its listeners only", () => {
    startSession({ accessToken: "token-1", expiresIn: 900 });
    const { connection, last, openAndReady } = setUp();
    const first: unknown[] = [];
    const second: unknown[] = [];
    const others: unknown[] = [];
    connection.onMessage((m) => others.push(m.type));
    const stopFirst = connection.watchDashboard("d1", (m) => first.push(m));
    const stopSecond = connection.watchDashboard("d1", (m) => second.push(m));
    openAndReady();
    expect(last().types()).toEqual(["auth", "watch"]);

    last().receive({ type: "watching", dashboardId: "d1" });
    last().receive({ type: "dashboard.stale", dashboardId: "d1", widgetIds: ["w1"] });
    last().receive({ type: "dashboard.stale", dashboardId: "d2", widgetIds: ["w9"] });
    expect(first).toEqual([{ type: "watching", dashboardId: "d1" }, { type: "dashboard.stale", dashboardId: "d1", widgetIds: ["w1"] }]);
    expect(second).toEqual(first);
    expect(others).toEqual(["ready"]);

    stopFirst();
    expect(last().types()).toEqual(["auth", "watch"]);
    stopSecond();
    expect(last().sent[2]).toEqual({ type: "unwatch", dashboardId: "d1" });
  });

  it("forgets a watch the server ended", () => {
    startSession({ accessToken: "token-1", expiresIn: 900 });
    const { connection, last, openAndReady } = setUp();
    const seen: unknown[] = [];
    connection.onMessage(() => undefined);
    connection.watchDashboard("d1", (m) => seen.push(m.code));
    openAndReady();
    last().receive({ type: "error", code: "watch_ended", dashboardId: "d1" });
    expect(seen).toEqual(["watch_ended"]);
    last().drop();
    vi.advanceTimersByTime(MAX_WAIT);
    openAndReady();
    expect(last().types()).toEqual(["auth"]);
  });

  it("unsubscribes and closes when the last listener leaves", () => {
    startSession({ accessToken: "token-1", expiresIn: 900 });
    const { connection, sockets, last, openAndReady } = setUp();
    const stopEvents = connection.subscribe({ events: ["shard.*"] }, () => undefined);
    const stopMessages = connection.onMessage(() => undefined);
    openAndReady();
    stopEvents();
    expect(last().sent[last().sent.length - 1]).toEqual({ type: "unsubscribe", id: "web1" });
    expect(last().closedWith).toBeUndefined();
    stopMessages();
    stopMessages();
    expect(last().closedWith).toBe(1000);
    expect(connection.isReady()).toBe(false);
    vi.advanceTimersByTime(MAX_WAIT);
    expect(sockets).toHaveLength(1);
  });

  it("closes on sign-out without reconnecting, and opens again on the next sign-in", () => {
    startSession({ accessToken: "token-1", expiresIn: 900 });
    const { connection, sockets, last, openAndReady } = setUp();
    const status = vi.fn();
    connection.onStatus(status);
    connection.onMessage(() => undefined);
    openAndReady();
    expect(status).toHaveBeenCalledTimes(1);

    endSession();
    expect(last().closedWith).toBe(1000);
    expect(connection.isReady()).toBe(false);
    expect(status).toHaveBeenCalledTimes(2);
    vi.advanceTimersByTime(MAX_WAIT);
    expect(sockets).toHaveLength(1);

    startSession({ accessToken: "token-3", expiresIn: 900 });
    expect(sockets).toHaveLength(2);
    last().open();
    expect(last().sent).toEqual([{ type: "auth", token: "token-3" }]);
  });

  it("keeps delivering to the other listeners when one throws", () => {
    startSession({ accessToken: "token-1", expiresIn: 900 });
    const { connection, openAndReady } = setUp();
    const seen: string[] = [];
    connection.onMessage(() => {
      throw new Error("a bug in one listener");
    });
    connection.onMessage((m) => seen.push(m.type));
    openAndReady();
    expect(seen).toEqual(["ready"]);
    expect(() => vi.runOnlyPendingTimers()).toThrow("a bug in one listener");
  });

  it("ignores what is not JSON", () => {
    startSession({ accessToken: "token-1", expiresIn: 900 });
    const { connection, last } = setUp();
    const seen: unknown[] = [];
    connection.onMessage((m) => seen.push(m));
    last().open();
    last().onmessage?.({ data: "not json" });
    last().onmessage?.({ data: "42" });
    expect(seen).toEqual([]);
  });
});

const MAX_WAIT = 31_000;

describe("matches", () => {
  it("takes exact types, prefixes and everything", () => {
    const created = event("shard.created", { shardType: "c_account" });
    expect(matches({ events: ["shard.created"] }, created)).toBe(true);
    expect(matches({ events: ["shard.*"] }, created)).toBe(true);
    expect(matches({ events: ["*"] }, created)).toBe(true);
    expect(matches({ events: ["shard.updated", "relationship.*"] }, created)).toBe(false);
    expect(matches({ events: ["shardtype.*"] }, created)).toBe(false);
  });

  it("filters by the shard type the event concerns, as the server does", () => {
    const filter = { events: ["*"], shardTypes: ["c_account"] };
    expect(matches(filter, event("shard.updated", { shardType: "c_account" }))).toBe(true);
    expect(matches(filter, event("shard.updated", { shardType: "c_contact" }))).toBe(false);
    expect(matches(filter, event("shardtype.updated", { name: "c_account" }))).toBe(true);
    expect(matches(filter, event("shardtype.updated", { name: "c_contact" }))).toBe(false);
    // The server checked a relationship's ends; its data does not name their types.
    expect(matches(filter, event("relationship.created", { sourceId: "a", targetId: "b" }))).toBe(true);
    expect(matches(filter, event("user.created", { id: "u" }))).toBe(false);
    // An empty list filters nothing (the server treats it as absent).
    expect(matches({ events: ["*"], shardTypes: [] }, event("user.created", { id: "u" }))).toBe(true);
  });
});
