import { placeholderRoute } from "./root";

export const dashboardsRoutes = [placeholderRoute("/dashboards", "nav.dashboards")] as const;
