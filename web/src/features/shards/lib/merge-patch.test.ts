import { describe, expect, it } from "vitest";
import { applyMergePatch, diffMergePatch, reapply } from "./merge-patch";

describe("merge patches", () => {
  it("carry only the changes: new values, removed keys as null, nested objects as patches, arrays whole", () => {
    const before = { name: "Acme", amount: 10, address: { city: "Paris", zip: "75001" }, tags: ["a"], gone: "x" };
    const after = { name: "Acme", amount: 20, address: { city: "Lyon", zip: "75001" }, tags: ["a", "b"] };
    expect(diffMergePatch(before, after)).toEqual({ amount: 20, address: { city: "Lyon" }, tags: ["a", "b"], gone: null });
    expect(diffMergePatch(before, structuredClone(before))).toBeUndefined();
  });

  it("apply as RFC 7396 says", () => {
    expect(applyMergePatch({ a: "b", c: { d: "e", f: "g" } }, { a: "z", c: { f: null } })).toEqual({ a: "z", c: { d: "e" } });
    expect(applyMergePatch({ a: [1, 2] }, { a: [3] })).toEqual({ a: [3] });
    expect(applyMergePatch({ a: 1 }, { b: { c: null } })).toEqual({ a: 1, b: {} });
  });
});

describe("after a 412, re-applying the user's edits to the fresh version", () => {
  const started = {
    structuredData: { name: "Acme", amount: 100, stage: "prospecting" },
    unstructuredData: {},
    metadata: { tags: ["old"] },
    status: "active",
  };

  it("keeps the other person's changes on fields the user did not touch", () => {
    const edited = { ...started, structuredData: { ...started.structuredData, amount: 250 } };
    const fresh = { ...started, structuredData: { ...started.structuredData, stage: "negotiation" }, metadata: { tags: ["theirs"] } };
    const { values, patch } = reapply(started, edited, fresh);
    expect(values).toEqual({ ...fresh, structuredData: { name: "Acme", amount: 250, stage: "negotiation" } });
    expect(patch).toEqual({ structuredData: { amount: 250 } });
  });

  it("lets the user's edit win on a field both changed, including a removal", () => {
    const edited = { ...started, structuredData: { name: "Acme Corp", amount: 100 } };
    const fresh = { ...started, structuredData: { name: "ACME", amount: 100, stage: "won" } };
    const { values, patch } = reapply(started, edited, fresh);
    expect(values.structuredData).toEqual({ name: "Acme Corp", amount: 100 });
    expect(patch).toEqual({ structuredData: { name: "Acme Corp", stage: null } });
  });

  it("has nothing to send when the fresh version already has the user's edits", () => {
    const edited = { ...started, status: "archived" };
    const fresh = { ...started, status: "archived" };
    expect(reapply(started, edited, fresh).patch).toBeUndefined();
  });
});
