/** Importing files into a shard type. */
export const imports = {
} as const;
