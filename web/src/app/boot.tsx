import { startTransition, StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { preloadHomeDashboardCode } from "@/features/dashboards/lib/preload-home-code";
import { startupSession } from "@/lib/api";
import { App } from "./provider";

const root = document.getElementById("root");
if (!root) {
  throw new Error("index.html has no #root element");
}
// The home page's code, beside the session's answer and the data already asked for (app/early.ts).
if (window.location.pathname === "/") {
  void startupSession().then((signedIn) => {
    if (!signedIn) return;
    void import("./routes/app-shell");
    void import("./routes/home");
    preloadHomeDashboardCode();
  });
}

// Rendered as a transition, the first render of the app yields to the browser every few
// milliseconds instead of holding the main thread for the whole tree at once.
startTransition(() => {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
});
