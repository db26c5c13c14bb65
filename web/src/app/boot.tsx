import { startTransition, StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./provider";

const root = document.getElementById("root");
if (!root) {
  throw new Error("index.html has no #root element");
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
