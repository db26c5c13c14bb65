import { describe, expect, it } from "vitest";
import { diffRevisions, isChange, printRevision, sideBySide } from "./revision-diff";

describe("the revision diff", () => {
  it("ignores key order and pairs removed with added lines side by side", () => {
    const before = { structuredData: { b: 1, a: "x" }, status: "active" };
    const after = { status: "active", structuredData: { a: "x", b: 2 } };
    const rows = diffRevisions(before, after);
    const changes = rows.filter(isChange);
    expect(changes).toEqual([{ left: { text: '    "b": 1', kind: "removed" }, right: { text: '    "b": 2', kind: "added" } }]);
    expect(rows.length).toBe(printRevision(before).split("\n").length);
  });

  it("fills the other side with an empty cell when lines were only added or removed", () => {
    const rows = sideBySide("a\nb\n", "a\nb\nc\nd\n");
    expect(rows.map((row) => [row.left.kind, row.right.kind])).toEqual([
      ["same", "same"],
      ["same", "same"],
      ["empty", "added"],
      ["empty", "added"],
    ]);
    const removed = sideBySide("a\nx\ny\nb", "a\nz\nb");
    expect(removed.filter(isChange)).toEqual([
      { left: { text: "x", kind: "removed" }, right: { text: "z", kind: "added" } },
      { left: { text: "y", kind: "removed" }, right: { text: "", kind: "empty" } },
    ]);
  });

  it("shows nothing changed for identical revisions", () => {
    const revision = { structuredData: { name: "Acme" }, metadata: { tags: ["a"] } };
    expect(diffRevisions(revision, structuredClone(revision)).some(isChange)).toBe(false);
  });
});
