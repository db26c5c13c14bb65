import { useEffect, useRef, useSyncExternalStore } from "react";
import { realtime, type EventFilter, type RealtimeEvent, type RealtimeMessage } from "./socket";

/** Calls `onEvent` for each live event matching `filter` while the component is mounted. */
export function useRealtimeEvents(filter: EventFilter | null, onEvent: (event: RealtimeEvent) => void) {
  const handler = useRef(onEvent);
  handler.current = onEvent;
  const key = filter ? JSON.stringify(filter) : null;
  useEffect(() => {
    if (!key) return;
    return realtime.subscribe(JSON.parse(key) as EventFilter, (event) => handler.current(event));
  }, [key]);
}

/** Calls `onMessage` for socket messages that are not subscription events (`notification`...). */
export function useRealtimeMessages(onMessage: (message: RealtimeMessage) => void) {
  const handler = useRef(onMessage);
  handler.current = onMessage;
  useEffect(() => realtime.onMessage((message) => handler.current(message)), []);
}

/** Calls `onStale` when the server reports that widgets of this dashboard changed. */
export function useDashboardWatch(dashboardId: string | undefined, onStale: (widgetIds: string[]) => void) {
  const handler = useRef(onStale);
  handler.current = onStale;
  useEffect(() => {
    if (!dashboardId) return;
    return realtime.watchDashboard(dashboardId, (message) => {
      if (message.type === "dashboard.stale") {
        handler.current(Array.isArray(message.widgetIds) ? (message.widgetIds as string[]) : []);
      }
    });
  }, [dashboardId]);
}

/** Whether the live connection is up (for a "live" indicator). */
export function useRealtimeReady(): boolean {
  return useSyncExternalStore(
    (listener) => realtime.onStatus(listener),
    () => realtime.isReady(),
    () => false,
  );
}
