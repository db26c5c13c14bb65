/**
 * The app's one connection to `/ws`, shared by every component that wants live updates. It opens
 * when the first listener arrives while signed in, authenticates with the in-memory access token,
 * re-authenticates before that token expires, and reconnects with backoff after a drop, sending
 * its subscriptions and dashboard watches again. Messages are documented in ../shared/API.md.
 */
import { getAccessToken, getSessionState, refreshSession, subscribeSession } from "@/lib/api";

/** An event as the server sends it on `/ws`, webhooks and GraphQL (platform.EventMessage). */
export type RealtimeEvent = {
  id: string;
  type: string;
  tenantId: string;
  occurredAt: string;
  data: Record<string, unknown> & { id?: string; shardType?: string };
  previous?: Record<string, unknown> | null;
  actor?: { userId?: string } | null;
};

/** Any message; events have a dotted type (`shard.updated`), others a plain one (`ready`, `notification`). */
export type RealtimeMessage = { type: string } & Record<string, unknown>;

export type EventFilter = { events: string[]; shardTypes?: string[] | undefined };

type Listener = (message: RealtimeMessage) => void;
type Subscription = { id: string; filter: EventFilter; listener: (event: RealtimeEvent) => void };

const MAX_BACKOFF_MS = 30_000;
/** Re-authenticate this long before the socket's token expires (the session refreshes earlier). */
const REAUTH_MARGIN_MS = 30_000;

export class RealtimeConnection {
  private socket: WebSocket | null = null;
  private ready = false;
  private attempts = 0;
  private reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  private reauthTimer: ReturnType<typeof setTimeout> | undefined;
  private nextId = 0;
  private readonly subscriptions = new Map<string, Subscription>();
  private readonly watches = new Map<string, Set<Listener>>();
  private readonly listeners = new Set<Listener>();
  private readonly statusListeners = new Set<() => void>();

  constructor(private readonly url: () => string = defaultUrl) {
    subscribeSession(() => {
      if (getSessionState().status === "signedIn") this.ensureOpen();
      else this.close();
    });
  }

  /** Whether the socket is open and authenticated. */
  isReady(): boolean {
    return this.ready;
  }

  onStatus(listener: () => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  /** Events matching `filter` (`{"events":["shard.*"],"shardTypes":["c_account"]}`) until the returned function is called. */
  subscribe(filter: EventFilter, listener: (event: RealtimeEvent) => void): () => void {
    const id = `web${++this.nextId}`;
    const subscription = { id, filter, listener };
    this.subscriptions.set(id, subscription);
    if (this.ready) this.sendSubscribe(subscription);
    this.ensureOpen();
    return () => {
      this.subscriptions.delete(id);
      if (this.ready) this.send({ type: "unsubscribe", id });
      this.closeWhenIdle();
    };
  }

  /** `dashboard.stale` (and its errors) for one dashboard, until the returned function is called. */
  watchDashboard(dashboardId: string, listener: Listener): () => void {
    let listeners = this.watches.get(dashboardId);
    if (!listeners) {
      listeners = new Set();
      this.watches.set(dashboardId, listeners);
      if (this.ready) this.send({ type: "watch", dashboardId });
    }
    listeners.add(listener);
    this.ensureOpen();
    return () => {
      const current = this.watches.get(dashboardId);
      current?.delete(listener);
      if (current && current.size === 0) {
        this.watches.delete(dashboardId);
        if (this.ready) this.send({ type: "unwatch", dashboardId });
      }
      this.closeWhenIdle();
    };
  }

  /** Every message that is not an event of a subscription (`notification`, `notifications.read`...). */
  onMessage(listener: Listener): () => void {
    this.listeners.add(listener);
    this.ensureOpen();
    return () => {
      this.listeners.delete(listener);
      this.closeWhenIdle();
    };
  }

  private hasListeners(): boolean {
    return this.subscriptions.size > 0 || this.watches.size > 0 || this.listeners.size > 0;
  }

  private ensureOpen() {
    if (this.socket || !this.hasListeners() || getSessionState().status !== "signedIn" || typeof WebSocket === "undefined") {
      return;
    }
    const socket = new WebSocket(this.url());
    this.socket = socket;
    socket.onopen = () => this.authenticate();
    socket.onmessage = (message) => this.receive(message.data);
    socket.onclose = () => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.setReady(false);
      clearTimeout(this.reauthTimer);
      this.scheduleReconnect();
    };
  }

  private closeWhenIdle() {
    if (!this.hasListeners()) this.close();
  }

  private close() {
    clearTimeout(this.reconnectTimer);
    clearTimeout(this.reauthTimer);
    const socket = this.socket;
    this.socket = null;
    this.setReady(false);
    socket?.close(1000);
  }

  private scheduleReconnect() {
    if (!this.hasListeners() || getSessionState().status !== "signedIn") return;
    const delay = Math.min(MAX_BACKOFF_MS, 500 * 2 ** this.attempts) * (0.5 + Math.random() / 2);
    this.attempts++;
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = setTimeout(() => this.ensureOpen(), delay);
  }

  private authenticate() {
    const token = getAccessToken();
    if (token) this.send({ type: "auth", token });
  }

  private receive(raw: unknown) {
    let message: RealtimeMessage;
    try {
      message = JSON.parse(String(raw)) as RealtimeMessage;
    } catch {
      return;
    }
    // The server sends subscription events in an envelope: {"type":"event","event":{...}}.
    if (message.type === "event" && typeof message.event === "object" && message.event !== null) {
      message = message.event as RealtimeMessage;
      if (typeof message.type !== "string") return;
    }
    if (message.type === "ready") {
      this.attempts = 0;
      const wasReady = this.ready;
      this.setReady(true);
      this.scheduleReauth(typeof message.expiresAt === "string" ? Date.parse(message.expiresAt) : NaN);
      if (!wasReady) this.resend();
    } else if (message.type === "error" && message.code === "token_expired") {
      void refreshSession().then((ok) => (ok ? this.authenticate() : this.close()));
    } else if (message.type.includes(".") && typeof message.id === "string" && "data" in message) {
      const event = message as unknown as RealtimeEvent;
      this.subscriptions.forEach((subscription) => {
        if (matches(subscription.filter, event)) subscription.listener(event);
      });
      return;
    } else if (message.type === "dashboard.stale" && typeof message.dashboardId === "string") {
      this.watches.get(message.dashboardId)?.forEach((listener) => listener(message));
      return;
    }
    this.listeners.forEach((listener) => listener(message));
  }

  private scheduleReauth(expiresAt: number) {
    clearTimeout(this.reauthTimer);
    if (Number.isFinite(expiresAt)) {
      this.reauthTimer = setTimeout(() => this.authenticate(), Math.max(1_000, expiresAt - Date.now() - REAUTH_MARGIN_MS));
    }
  }

  private resend() {
    this.subscriptions.forEach((subscription) => this.sendSubscribe(subscription));
    this.watches.forEach((_, dashboardId) => this.send({ type: "watch", dashboardId }));
  }

  private sendSubscribe({ id, filter }: Subscription) {
    this.send({ type: "subscribe", id, events: filter.events, ...(filter.shardTypes && { shardTypes: filter.shardTypes }) });
  }

  private send(message: Record<string, unknown>) {
    if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(message));
  }

  private setReady(ready: boolean) {
    if (this.ready !== ready) {
      this.ready = ready;
      this.statusListeners.forEach((listener) => listener());
    }
  }
}

/** The server filters too; this keeps several subscriptions on one socket apart. */
export function matches(filter: EventFilter, event: RealtimeEvent): boolean {
  const typeMatches = filter.events.some(
    (pattern) => pattern === "*" || pattern === event.type || (pattern.endsWith(".*") && event.type.startsWith(pattern.slice(0, -1))),
  );
  const shardType = typeof event.data?.shardType === "string" ? event.data.shardType : undefined;
  return typeMatches && (!filter.shardTypes || (shardType !== undefined && filter.shardTypes.includes(shardType)));
}

function defaultUrl(): string {
  const { protocol, host } = window.location;
  return `${protocol === "https:" ? "wss:" : "ws:"}//${host}/ws`;
}

/** The app's connection. */
export const realtime = new RealtimeConnection();
