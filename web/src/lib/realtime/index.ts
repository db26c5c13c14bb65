export { realtime, matches, type EventFilter, type RealtimeEvent, type RealtimeMessage } from "./socket";
export { useDashboardWatch, useRealtimeEvents, useRealtimeMessages, useRealtimeReady } from "./hooks";
