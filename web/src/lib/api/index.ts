export { api, authFetch } from "./client";
export { call } from "./call";
export { ApiError, NetworkError, apiErrorOf, errorMessage, fieldOfPointer, type Problem } from "./problem";
export * from "./session";
export type { components, paths } from "./schema";
