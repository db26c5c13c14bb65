import { describe, expect, it } from "vitest";
import { canAdminister, grantableRoles } from "./roles";

describe("roles", () => {
  it("let owners and admins administer, nobody else", () => {
    expect(canAdminister(["owner"])).toBe(true);
    expect(canAdminister(["member", "admin"])).toBe(true);
    expect(canAdminister(["member"])).toBe(false);
    expect(canAdminister(["viewer"])).toBe(false);
    expect(canAdminister([])).toBe(false);
    expect(canAdminister(undefined)).toBe(false);
  });

  it("let only owners grant the owner role", () => {
    expect(grantableRoles(["owner"])).toEqual(["owner", "admin", "member", "viewer"]);
    expect(grantableRoles(["admin"])).toEqual(["admin", "member", "viewer"]);
    expect(grantableRoles(["member"])).toEqual([]);
  });
});
