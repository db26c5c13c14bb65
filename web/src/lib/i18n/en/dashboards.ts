/** Dashboards, widgets and the query builder. */
export const dashboards = {
} as const;
