import { placeholderRoute } from "./root";

export const shardsRoutes = [placeholderRoute("/shards", "nav.shards")] as const;
