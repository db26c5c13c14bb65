import { describe, expect, it } from "vitest";
import { auditFiltersOf, auditQueryOf, endOfDay, hasFilters, startOfDay } from "./audit-query";

const ID = "01a2508d-5b75-7289-b1e1-d2ac9ce7b559";

describe("the audit log's filters", () => {
  it("keep only well-formed search parameters", () => {
    expect(
      auditFiltersOf({ actorId: ID.toUpperCase(), action: " shard.created ", resourceType: "", resourceId: 7, from: "2026-12-01", to: "yesterday" }),
    ).toEqual({ actorId: ID, action: "shard.created", resourceType: undefined, resourceId: undefined, from: "2026-12-01", to: undefined });
    expect(auditFiltersOf({ actorId: "not-a-uuid" }).actorId).toBeUndefined();
    expect(hasFilters(auditFiltersOf({}))).toBe(false);
    expect(hasFilters(auditFiltersOf({ action: "auth.login" }))).toBe(true);
  });

  it("become the query of GET /audit-logs, days as whole local days", () => {
    expect(auditQueryOf({})).toEqual({ limit: 50 });
    const query = auditQueryOf({ actorId: ID, action: "user.invited", resourceType: "user", resourceId: "r1", from: "2026-12-01", to: "2026-12-07" }, "next-page");
    expect(query).toEqual({
      actorId: ID,
      action: "user.invited",
      resourceType: "user",
      resourceId: "r1",
      from: new Date(2026, 11, 1, 0, 0, 0, 0).toISOString(),
      to: new Date(2026, 11, 7, 23, 59, 59, 999).toISOString(),
      limit: 50,
      cursor: "next-page",
    });
  });

  it("read a backwards range as the same days", () => {
    const query = auditQueryOf({ from: "2026-12-07", to: "2026-12-01" });
    expect(query.from).toBe(startOfDay("2026-12-01"));
    expect(query.to).toBe(endOfDay("2026-12-07"));
  });
});
