import { placeholderRoute } from "./root";

export const searchRoutes = [placeholderRoute("/search", "nav.search")] as const;
