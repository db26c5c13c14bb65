/**
 * A side-by-side diff of two revisions of a shard: both are printed as JSON with sorted keys (so
 * that key order never shows as a change), diffed line by line with the `diff` package, and the
 * removed and added lines of each change are paired into rows.
 */
import { diffLines } from "diff";

export type DiffCell = { text: string; kind: "same" | "removed" | "added" | "empty" };
export type DiffRow = { left: DiffCell; right: DiffCell };

type RevisionContent = {
  structuredData?: unknown;
  unstructuredData?: unknown;
  metadata?: unknown;
  status?: unknown;
  acl?: unknown;
};

function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sorted);
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, sorted((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}

/** The content of a revision that a person changes, as stable pretty JSON. */
export function printRevision(revision: RevisionContent): string {
  const content = {
    structuredData: revision.structuredData ?? {},
    unstructuredData: revision.unstructuredData ?? null,
    metadata: revision.metadata ?? null,
    status: revision.status ?? null,
    acl: revision.acl ?? [],
  };
  return JSON.stringify(sorted(content), null, 2);
}

function lines(value: string): string[] {
  const all = value.split("\n");
  if (all.length > 0 && all[all.length - 1] === "") all.pop();
  return all;
}

/** The rows of a side-by-side diff of two texts. */
export function sideBySide(before: string, after: string): DiffRow[] {
  const rows: DiffRow[] = [];
  let removed: string[] = [];
  let added: string[] = [];
  const flush = () => {
    const count = Math.max(removed.length, added.length);
    for (let i = 0; i < count; i++) {
      const left = removed[i];
      const right = added[i];
      rows.push({
        left: left === undefined ? { text: "", kind: "empty" } : { text: left, kind: "removed" },
        right: right === undefined ? { text: "", kind: "empty" } : { text: right, kind: "added" },
      });
    }
    removed = [];
    added = [];
  };
  for (const change of diffLines(before, after)) {
    if (change.removed) removed.push(...lines(change.value));
    else if (change.added) added.push(...lines(change.value));
    else {
      flush();
      for (const line of lines(change.value)) rows.push({ left: { text: line, kind: "same" }, right: { text: line, kind: "same" } });
    }
  }
  flush();
  return rows;
}

/** The side-by-side diff of two revisions. */
export function diffRevisions(before: RevisionContent, after: RevisionContent): DiffRow[] {
  return sideBySide(printRevision(before), printRevision(after));
}

/** Whether a row is a change (for counting and for jumping between changes). */
export function isChange(row: DiffRow): boolean {
  return row.left.kind !== "same";
}
