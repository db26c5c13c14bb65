import { placeholderRoute } from "./root";

export const notificationsRoutes = [placeholderRoute("/notifications", "nav.notifications")] as const;
