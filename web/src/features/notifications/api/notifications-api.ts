import { useInfiniteQuery, useMutation, useQuery, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { api, call, type components } from "@/lib/api";
import { useRealtimeMessages } from "@/lib/realtime";

export type Notification = components["schemas"]["Notification"];
export type Preferences = components["schemas"]["Preferences"];

/** The kinds the server sends (README, notifications); preferences mute their emails. */
export const NOTIFICATION_KINDS = ["rule.matched", "invitation.accepted", "webhook.disabled", "integration.sync_failed"] as const;

export const notificationKeys = {
  all: ["notifications"] as const,
  unreadCount: ["notifications", "unread-count"] as const,
  list: (unread: boolean) => ["notifications", "list", { unread }] as const,
  latest: ["notifications", "latest"] as const,
  preferences: ["notifications", "preferences"] as const,
};

const PAGE_SIZE = 25;

export function useUnreadCount() {
  return useQuery({
    queryKey: notificationKeys.unreadCount,
    queryFn: async () => (await call(api.GET("/api/v1/notifications/unread-count"))).count ?? 0,
    staleTime: Infinity,
  });
}

/** The few newest, for the bell's dropdown. */
export function useLatestNotifications(enabled: boolean) {
  return useQuery({
    queryKey: notificationKeys.latest,
    queryFn: async () => (await call(api.GET("/api/v1/notifications", { params: { query: { limit: 5 } } }))).items ?? [],
    enabled,
  });
}

export function useNotificationList(unread: boolean) {
  return useInfiniteQuery({
    queryKey: notificationKeys.list(unread),
    queryFn: ({ pageParam }) =>
      call(
        api.GET("/api/v1/notifications", {
          params: { query: { limit: PAGE_SIZE, ...(unread && { unread: true }), ...(pageParam && { cursor: pageParam }) } },
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor || undefined,
  });
}

function refreshLists(queryClient: QueryClient) {
  return queryClient.invalidateQueries({
    predicate: (query) => query.queryKey[0] === "notifications" && query.queryKey[1] !== "preferences" && query.queryKey[1] !== "unread-count",
  });
}

export function useMarkRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => call(api.POST("/api/v1/notifications/{id}/read", { params: { path: { id } } })),
    onSuccess: async () => {
      await Promise.all([refreshLists(queryClient), queryClient.invalidateQueries({ queryKey: notificationKeys.unreadCount })]);
    },
  });
}

export function useMarkAllRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => (await call(api.POST("/api/v1/notifications/read-all"))).marked ?? 0,
    onSuccess: async () => {
      queryClient.setQueryData(notificationKeys.unreadCount, 0);
      await refreshLists(queryClient);
    },
  });
}

export function usePreferences() {
  return useQuery({
    queryKey: notificationKeys.preferences,
    queryFn: () => call(api.GET("/api/v1/notifications/preferences")),
  });
}

export function useSavePreferences() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (mutedEmailKinds: string[]) => call(api.PUT("/api/v1/notifications/preferences", { body: { mutedEmailKinds } })),
    // The checkbox follows the click at once; a refusal puts it back.
    onMutate: (mutedEmailKinds) => {
      const before = queryClient.getQueryData<Preferences>(notificationKeys.preferences);
      queryClient.setQueryData<Preferences>(notificationKeys.preferences, { mutedEmailKinds });
      return { before };
    },
    onError: (_error, _kinds, context) => queryClient.setQueryData(notificationKeys.preferences, context?.before),
    onSuccess: (saved) => queryClient.setQueryData(notificationKeys.preferences, saved),
  });
}

/**
 * Keeps the unread count and the lists right from the socket: a new notification or one read
 * elsewhere (another tab, the phone) carries the new count, so the bell never polls.
 */
export function useLiveNotifications() {
  const queryClient = useQueryClient();
  useRealtimeMessages((message) => {
    if (message.type !== "notification" && message.type !== "notifications.read") return;
    if (typeof message.unreadCount === "number") {
      queryClient.setQueryData(notificationKeys.unreadCount, message.unreadCount);
    } else {
      void queryClient.invalidateQueries({ queryKey: notificationKeys.unreadCount });
    }
    void refreshLists(queryClient);
  });
  // A notification may have come while the socket was down: ask again when it is back.
  useRealtimeMessages((message) => {
    if (message.type === "ready") void queryClient.invalidateQueries({ queryKey: notificationKeys.unreadCount });
  });
}
