export { api, authFetch } from "./client";
export { call } from "./call";
export { ApiError, NetworkError, apiErrorOf, fieldOfPointer, type Problem } from "./problem";
export { errorMessage } from "./error-message";
export * from "./session";
export type { components, paths } from "./schema";
