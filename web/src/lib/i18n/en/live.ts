/** Live updates and notifications. */
export const live = {
} as const;
