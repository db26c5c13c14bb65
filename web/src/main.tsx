import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./app/provider";
import { startupSession } from "./lib/api";
import "./index.css";

// A reload loses the in-memory access token: ask for one with the refresh cookie right away.
void startupSession();

const root = document.getElementById("root");
if (!root) {
  throw new Error("index.html has no #root element");
}
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
