import { admin } from "./en/admin";
import { auth } from "./en/auth";
import { common } from "./en/common";
import { dashboards } from "./en/dashboards";
import { imports } from "./en/imports";
import { live } from "./en/live";
import { search } from "./en/search";
import { shards } from "./en/shards";

/**
 * Every English string of the app, one catalogue assembled from a file per feature. Components
 * read it through `t` (src/lib/i18n/index.ts); another language is another catalogue with the
 * same keys. A key must be unique across the files: the type check below fails on a duplicate.
 */
export const en = { ...common, ...auth, ...shards, ...dashboards, ...search, ...imports, ...admin, ...live } as const;

export type MessageKey = keyof typeof en;

// Distributes over the union of the later files, so each pair is compared.
type Overlap<A, B> = B extends unknown ? Extract<keyof A, keyof B> : never;
type Parts = [typeof common, typeof auth, typeof shards, typeof dashboards, typeof search, typeof imports, typeof admin, typeof live];
type Pairs<T extends unknown[]> = T extends [infer Head, ...infer Tail] ? Overlap<Head, Tail[number]> | Pairs<Tail> : never;
// Never unless two feature files define the same key (the later one would silently win).
const noDuplicateKeys: [Pairs<Parts>] extends [never] ? true : ["duplicate keys", Pairs<Parts>] = true;
void noDuplicateKeys;
