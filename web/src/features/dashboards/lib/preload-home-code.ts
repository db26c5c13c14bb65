/**
 * The default dashboard's code, asked for as soon as the app has loaded rather than when each
 * lazy part first renders (the page, then the grid). Called from the app's chunk, not from the
 * entry: imported from the entry, these chunks would split the app's shared modules into many
 * small files.
 */
export function preloadHomeDashboardCode(): void {
  void import("../routes/dashboard-page");
  // A narrow screen stacks the widgets without the grid (dashboard-layout.tsx); the viewport's
  // width is close enough for a download that is only ahead of time.
  if (window.matchMedia("(min-width: 672px)").matches) void import("../components/dashboard-grid");
}
