import { createRoute, lazyRouteComponent } from "@tanstack/react-router";
import { appRoute } from "./root";

type NotificationsSearch = { filter?: "unread" | undefined };

const notificationsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/notifications",
  staticData: { section: "nav.notifications" },
  validateSearch: (search: Record<string, unknown>): NotificationsSearch => ({
    filter: search.filter === "unread" ? "unread" : undefined,
  }),
  component: lazyRouteComponent(() => import("@/features/notifications/routes/notifications-page"), "NotificationsPage"),
});

export const notificationsRoutes = [notificationsRoute] as const;
