// The entry stays small (no React, no router): it starts the session and the first page's
// requests, then loads the app, which index.html already preloads.
import { startEarly } from "./app/early";
import "./index.css";

startEarly();
void import("./app/boot");
