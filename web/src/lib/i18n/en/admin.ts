/** Administration: types, users, keys, webhooks, jobs, audit. */
export const admin = {
} as const;
