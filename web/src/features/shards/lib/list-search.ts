/** The list page's state, all of it in the URL's search parameters (so links and reloads keep it). */
export type ShardListSearch = {
  type?: string | undefined;
  where?: string[] | undefined;
  sort?: string | undefined;
  columns?: string[] | undefined;
  status?: string | undefined;
  q?: string | undefined;
  tag?: string | undefined;
  view?: string | undefined;
};
