import { placeholderRoute } from "./root";

export const importsRoutes = [placeholderRoute("/import", "nav.import")] as const;
