/**
 * The app's one connection to `/ws`, shared by every component that wants live updates. It opens
 * when the first listener arrives while signed in, authenticates with the in-memory access token,
 * re-authenticates before that token expires, and reconnects with backoff after a drop, sending
 * its subscriptions and dashboard watches again. It closes when the last listener leaves and on
 * sign-out. The protocol is the README's "Real time (WebSocket)" section.
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
};

/** Any message other than an event: `ready`, `notification`, `notifications.read`, `error`, `watching`... */
export type RealtimeMessage = { type: string } & Record<string, unknown>;

export type EventFilter = { events: string[]; shardTypes?: string[] | undefined };

type Listener = (message: RealtimeMessage) => void;
type Subscription = { id: string; filter: EventFilter; listener: (event: RealtimeEvent) => void };

/** The part of the browser's WebSocket this class uses (tests pass a fake). */
export type SocketLike = {
  readonly readyState: number;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: { code: number }) => void) | null;
  onerror: ((event: unknown) => void) | null;
  send(data: string): void;
  close(code?: number): void;
};

export type RealtimeOptions = {
  url?: () => string;
  createSocket?: (url: string) => SocketLike;
};

const OPEN = 1;
const FIRST_BACKOFF_MS = 500;
const MAX_BACKOFF_MS = 30_000;
/** Re-authenticate this long before the socket's token expires (the session refreshes a minute before). */
const REAUTH_MARGIN_MS = 30_000;
/** Close code of a refused token (bad, expired or revoked): reconnecting needs a fresh token first. */
const POLICY_VIOLATION = 1008;

export class RealtimeConnection {
  private socket: SocketLike | null = null;
  private ready = false;
  private attempts = 0;
  private authedToken: string | null = null;
  private needsFreshToken = false;
  private reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  private reauthTimer: ReturnType<typeof setTimeout> | undefined;
  private nextId = 0;
  private readonly subscriptions = new Map<string, Subscription>();
  private readonly watches = new Map<string, Set<Listener>>();
  private readonly listeners = new Set<Listener>();
  private readonly statusListeners = new Set<() => void>();
  private readonly url: () => string;
  private readonly createSocket: ((url: string) => SocketLike) | null;

  constructor(options: RealtimeOptions = {}) {
    this.url = options.url ?? defaultUrl;
    this.createSocket =
      options.createSocket ?? (typeof WebSocket === "undefined" ? null : (url) => new WebSocket(url) as unknown as SocketLike);
    subscribeSession(() => {
      if (getSessionState().status === "signedIn") this.ensureOpen();
      else this.close();
    });
    if (typeof window !== "undefined") {
      // Back online: try at once instead of waiting out the backoff.
      window.addEventListener("online", () => {
        if (!this.socket && this.reconnectTimer !== undefined) {
          clearTimeout(this.reconnectTimer);
          this.reconnectTimer = undefined;
          this.ensureOpen();
        }
      });
    }
  }

  /** Whether the socket is open and authenticated. */
  isReady(): boolean {
    return this.ready;
  }

  onStatus(listener: () => void): () => void {
    this.statusListeners.add(listener);
    return () => {
      this.statusListeners.delete(listener);
    };
  }

  /** Events matching `filter` (`{"events":["shard.*"],"shardTypes":["c_account"]}`) until the returned function is called. */
  subscribe(filter: EventFilter, listener: (event: RealtimeEvent) => void): () => void {
    const id = `web${++this.nextId}`;
    const subscription = { id, filter, listener };
    this.subscriptions.set(id, subscription);
    if (this.ready) this.sendSubscribe(subscription);
    this.ensureOpen();
    return () => {
      if (!this.subscriptions.delete(id)) return;
      if (this.ready) this.send({ type: "unsubscribe", id });
      this.closeWhenIdle();
    };
  }

  /** `dashboard.stale` and the watch's own answers and errors for one dashboard, until the returned function is called. */
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
      if (!current?.delete(listener)) return;
      if (current.size === 0) {
        this.watches.delete(dashboardId);
        if (this.ready) this.send({ type: "unwatch", dashboardId });
      }
      this.closeWhenIdle();
    };
  }

  /** Every message that is neither an event nor about a watched dashboard (`notification`, `notifications.read`, `ready`...). */
  onMessage(listener: Listener): () => void {
    this.listeners.add(listener);
    this.ensureOpen();
    return () => {
      if (this.listeners.delete(listener)) this.closeWhenIdle();
    };
  }

  private hasListeners(): boolean {
    return this.subscriptions.size > 0 || this.watches.size > 0 || this.listeners.size > 0;
  }

  private ensureOpen() {
    if (this.socket || !this.createSocket || !this.hasListeners() || getSessionState().status !== "signedIn") return;
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = undefined;
    let socket: SocketLike;
    try {
      socket = this.createSocket(this.url());
    } catch {
      this.scheduleReconnect();
      return;
    }
    this.socket = socket;
    socket.onopen = () => this.authenticate();
    socket.onmessage = (message) => {
      if (this.socket === socket) this.receive(message.data);
    };
    socket.onerror = () => {
      // A close event always follows; reconnecting is its business.
    };
    socket.onclose = (event) => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.authedToken = null;
      this.setReady(false);
      clearTimeout(this.reauthTimer);
      if (event.code === POLICY_VIOLATION) this.needsFreshToken = true;
      this.scheduleReconnect();
    };
  }

  private closeWhenIdle() {
    if (!this.hasListeners()) this.close();
  }

  private close() {
    clearTimeout(this.reconnectTimer);
    clearTimeout(this.reauthTimer);
    this.reconnectTimer = undefined;
    this.attempts = 0;
    this.needsFreshToken = false;
    this.authedToken = null;
    const socket = this.socket;
    this.socket = null;
    this.setReady(false);
    socket?.close(1000);
  }

  private scheduleReconnect() {
    if (!this.hasListeners() || getSessionState().status !== "signedIn") return;
    const delay = Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS * 2 ** this.attempts) * (0.5 + Math.random() / 2);
    this.attempts++;
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      if (!this.needsFreshToken) {
        this.ensureOpen();
        return;
      }
      // The server refused the token (expired, revoked): a refused refresh signs out, which closes for good.
      this.needsFreshToken = false;
      refreshSession().then(
        (ok) => {
          if (ok) this.ensureOpen();
        },
        () => this.scheduleReconnect(),
      );
    }, delay);
  }

  private authenticate(token = getAccessToken()) {
    if (!token) return;
    this.authedToken = token;
    this.send({ type: "auth", token });
  }

  private receive(raw: unknown) {
    let message: RealtimeMessage;
    try {
      message = JSON.parse(String(raw)) as RealtimeMessage;
    } catch {
      return;
    }
    if (!message || typeof message !== "object" || typeof message.type !== "string") return;
    switch (message.type) {
      case "event":
        if (isEvent(message.event)) this.dispatchEvent(message.event);
        return;
      case "ready": {
        this.attempts = 0;
        this.needsFreshToken = false;
        const wasReady = this.ready;
        this.setReady(true);
        this.scheduleReauth(typeof message.expiresAt === "string" ? Date.parse(message.expiresAt) : NaN);
        // A re-authentication keeps the socket's subscriptions; a new socket has none yet.
        if (!wasReady) this.resend();
        break;
      }
      case "error":
        if (message.code === "token_expired" || message.code === "revoked") {
          // The server closes next (1008); the reconnect then gets a fresh token first.
          this.needsFreshToken = true;
        }
        break;
    }
    if (typeof message.dashboardId === "string") {
      const watchers = this.watches.get(message.dashboardId);
      if (message.type === "error" && message.code === "watch_ended" && watchers) {
        // The server dropped this watch; a later reconnect would only be told not_found again.
        this.watches.delete(message.dashboardId);
      }
      watchers?.forEach((listener) => safely(listener, message));
      return;
    }
    this.listeners.forEach((listener) => safely(listener, message));
  }

  private dispatchEvent(event: RealtimeEvent) {
    this.subscriptions.forEach((subscription) => {
      if (matches(subscription.filter, event)) safely(subscription.listener, event);
    });
  }

  private scheduleReauth(expiresAt: number) {
    clearTimeout(this.reauthTimer);
    if (!Number.isFinite(expiresAt)) return;
    const delay = Math.max(1_000, expiresAt - Date.now() - REAUTH_MARGIN_MS);
    this.reauthTimer = setTimeout(() => {
      const token = getAccessToken();
      if (token && token !== this.authedToken) {
        this.authenticate(token);
        return;
      }
      // The session did not refresh in time (a sleeping tab): refresh now, then send the new token.
      refreshSession().then(
        (ok) => {
          if (ok && this.ready) this.authenticate();
        },
        () => undefined,
      );
    }, delay);
  }

  private resend() {
    this.subscriptions.forEach((subscription) => this.sendSubscribe(subscription));
    this.watches.forEach((_, dashboardId) => this.send({ type: "watch", dashboardId }));
  }

  private sendSubscribe({ id, filter }: Subscription) {
    this.send({
      type: "subscribe",
      id,
      events: filter.events,
      ...(filter.shardTypes && filter.shardTypes.length > 0 && { shardTypes: filter.shardTypes }),
    });
  }

  private send(message: Record<string, unknown>) {
    if (this.socket?.readyState === OPEN) this.socket.send(JSON.stringify(message));
  }

  private setReady(ready: boolean) {
    if (this.ready !== ready) {
      this.ready = ready;
      this.statusListeners.forEach((listener) => listener());
    }
  }
}

function isEvent(value: unknown): value is RealtimeEvent {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as RealtimeEvent).type === "string" &&
    typeof (value as RealtimeEvent).id === "string"
  );
}

/** One listener's bug must not keep the message from the others; it still surfaces as an uncaught error. */
function safely<T>(listener: (value: T) => void, value: T) {
  try {
    listener(value);
  } catch (error) {
    setTimeout(() => {
      throw error;
    });
  }
}

/**
 * The server sends an event once per socket, without saying which subscription it matched, so
 * the client sorts them out again with the server's rules: a pattern (`*`, `shard.*`, exact) and,
 * when shard types are given, the type the event concerns (a shard's `shardType`, a shard type's
 * `name`). A relationship event carries no types of its ends (the server checked them), so it
 * goes to every subscription whose patterns take it; user events never match a type filter.
 */
export function matches(filter: EventFilter, event: RealtimeEvent): boolean {
  const typeMatches = filter.events.some(
    (pattern) => pattern === "*" || pattern === event.type || (pattern.endsWith(".*") && event.type.startsWith(pattern.slice(0, -1))),
  );
  if (!typeMatches) return false;
  if (!filter.shardTypes || filter.shardTypes.length === 0) return true;
  if (event.type.startsWith("relationship.")) return true;
  const data = event.data ?? {};
  const concerned = event.type.startsWith("shardtype.") ? data.name : data.shardType;
  return typeof concerned === "string" && filter.shardTypes.includes(concerned);
}

function defaultUrl(): string {
  const { protocol, host } = window.location;
  return `${protocol === "https:" ? "wss:" : "ws:"}//${host}/ws`;
}

/** The app's connection. */
export const realtime = new RealtimeConnection();
