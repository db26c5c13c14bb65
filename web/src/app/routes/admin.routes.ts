import { placeholderRoute } from "./root";

export const adminRoutes = [placeholderRoute("/admin", "nav.admin")] as const;
