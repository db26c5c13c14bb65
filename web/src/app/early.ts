import { preloadHomeDashboard } from "@/features/dashboards/lib/early-home";
import { earlyFetch } from "@/lib/api/early";
import { startupSession } from "@/lib/api/session";

/**
 * Runs from the small entry chunk while the app's code still downloads: a reload lost the
 * in-memory access token, so one is asked for with the refresh cookie right away; once signed in,
 * the first page's data is asked for in parallel rather than one step after another.
 */
export function startEarly(): void {
  const home = window.location.pathname === "/";
  void startupSession().then((signedIn) => {
    if (!signedIn) return;
    void earlyFetch("GET", "/api/v1/me");
    if (home) preloadHomeDashboard();
  });
}
