/** Global search and the Ask panel. */
export const search = {
} as const;
