import { afterEach, describe, expect, it, vi } from "vitest";
import { startSession } from "@/lib/api";
import { RealtimeConnection } from "./socket";

class FakeSocket {
  static OPEN = 1;
  static last: FakeSocket | undefined;
  readyState = 0;
  sent: unknown[] = [];
  onopen: (() => void) | null = null;
  onmessage: ((message: { data: string }) => void) | null = null;
  onclose: (() => void) | null = null;
  constructor(readonly url: string) {
    FakeSocket.last = this;
  }
  send(data: string) {
    this.sent.push(JSON.parse(data));
  }
  close() {}
  open() {
    this.readyState = 1;
    this.onopen?.();
  }
  receive(message: unknown) {
    this.onmessage?.({ data: JSON.stringify(message) });
  }
}

afterEach(() => vi.unstubAllGlobals());

describe("the realtime connection", () => {
  it("delivers subscription events that the server sends in its {type:event, event} envelope", () => {
    vi.stubGlobal("WebSocket", FakeSocket);
    startSession({ accessToken: "tok", expiresIn: 900 });
    const connection = new RealtimeConnection(() => "ws://test/ws");
    const listener = vi.fn();
    connection.subscribe({ events: ["shard.*"], shardTypes: ["c_account"] }, listener);
    const socket = FakeSocket.last!;
    socket.open();
    socket.receive({ type: "ready", userId: "u1", expiresAt: new Date(Date.now() + 600_000).toISOString() });

    const event = { id: "e1", type: "shard.updated", tenantId: "t1", occurredAt: "2026-12-07T12:00:00Z", data: { id: "s1", shardType: "c_account", revision: 2 } };
    socket.receive({ type: "event", event });
    socket.receive({ type: "event", event: { ...event, id: "e2", data: { id: "s2", shardType: "c_contact" } } });

    expect(listener).toHaveBeenCalledTimes(1);
    expect(listener).toHaveBeenCalledWith(event);
  });
});
