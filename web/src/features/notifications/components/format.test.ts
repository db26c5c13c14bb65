import { describe, expect, it } from "vitest";
import { formatWhen } from "./format";

const now = Date.parse("2026-12-07T12:00:00Z");

describe("formatWhen", () => {
  it("says how long ago within the last week, then the date", () => {
    expect(formatWhen("2026-12-07T11:59:30Z", now)).toMatch(/30 seconds ago/);
    expect(formatWhen("2026-12-07T11:55:00Z", now)).toMatch(/5 minutes ago/);
    expect(formatWhen("2026-12-07T09:00:00Z", now)).toMatch(/3 hours ago/);
    expect(formatWhen("2026-12-05T12:00:00Z", now)).toMatch(/2 days ago/);
    expect(formatWhen("2026-11-01T12:00:00Z", now)).toMatch(/2026/);
  });

  it("shows nothing for a missing or broken time", () => {
    expect(formatWhen(undefined, now)).toBe("");
    expect(formatWhen("yesterday", now)).toBe("");
  });
});
