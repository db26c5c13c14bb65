import { describe, expect, it } from "vitest";
import { arcPath, labelStride, niceTicks } from "./chart-scale";

describe("chart axes", () => {
  it("cover the data with round steps from zero", () => {
    expect(niceTicks(0, 87)).toEqual([0, 50, 100]);
    expect(niceTicks(12_000, 250_000)).toEqual([0, 100_000, 200_000, 300_000]);
    expect(niceTicks(0, 0.3)).toEqual([0, 0.1, 0.2, 0.3]);
  });

  it("reach below zero for negative values", () => {
    const ticks = niceTicks(-40, 60);
    expect(ticks[0]).toBeLessThanOrEqual(-40);
    expect(ticks[ticks.length - 1]).toBeGreaterThanOrEqual(60);
    expect(ticks).toContain(0);
  });

  it("have one tick when every value is zero", () => {
    expect(niceTicks(0, 0)).toEqual([0]);
  });

  it("skip labels that would overlap", () => {
    expect(labelStride(5, 600)).toBe(1);
    expect(labelStride(30, 300)).toBe(6);
  });

  it("draw a slice as a closed donut path, and a whole circle too", () => {
    expect(arcPath(50, 50, 40, 20, 0, Math.PI / 2)).toMatch(/^M50,10 A40,40 0 0 1 90,50.* Z$/);
    expect(arcPath(50, 50, 40, 20, 0, Math.PI * 2)).toContain("A40,40 0 1 1");
  });
});
