import { preloadHomeDashboard } from "@/features/dashboards/lib/early-home";
import { earlyFetch } from "@/lib/api/early";
import { startupSession } from "@/lib/api/session";

/**
 * Runs from the small entry chunk while the app's code still downloads: a reload lost the
 * in-memory access token, so one is asked for with the refresh cookie right away; once signed in,
 * the first page's data is asked for in parallel rather than one step after another.
 */
export function startEarly(): void {
  paintSignedOutSplash();
  const home = window.location.pathname === "/";
  void startupSession().then((signedIn) => {
    if (!signedIn) return;
    void earlyFetch("GET", "/api/v1/me");
    if (home) preloadHomeDashboard();
  });
}

/** The pages of signed-out people, whose first visit has none of the app's code cached. */
const SIGNED_OUT_PAGES = ["/sign-in", "/sign-up", "/forgot-password", "/reset-password", "/verify-email", "/accept-invitation"];

/**
 * On a signed-out page the app's code (about 140 KB) is usually not cached yet: the product's
 * name is painted at once rather than a blank page while it downloads. The app's first render
 * replaces it. A signed-in visitor's shell, from cached code, needs no such stand-in.
 */
export function paintSignedOutSplash(): void {
  const root = document.getElementById("root");
  if (!root || root.firstChild || !SIGNED_OUT_PAGES.includes(window.location.pathname)) return;
  const splash = document.createElement("p");
  splash.className = "flex min-h-dvh items-center justify-center bg-muted text-lg font-semibold tracking-tight text-primary";
  splash.setAttribute("aria-hidden", "true");
  splash.textContent = document.title;
  root.append(splash);
}
