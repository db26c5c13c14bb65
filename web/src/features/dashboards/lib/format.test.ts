import { describe, expect, it } from "vitest";
import { columnLabel, formatChange, formatGroup, formatValue } from "./format";

describe("formatChange", () => {
  it("shows a rise with a plus sign and says so in words", () => {
    expect(formatChange(0.125)).toEqual({ text: "+12.5%", direction: "up", label: "Up 12.5% on the previous period" });
  });

  it("shows a fall with a minus sign", () => {
    expect(formatChange(-0.5)).toEqual({ text: "−50%", direction: "down", label: "Down 50% on the previous period" });
  });

  it("calls a tiny change flat", () => {
    expect(formatChange(0.0001)).toMatchObject({ text: "0%", direction: "flat" });
  });

  it("has nothing to show without a previous value", () => {
    expect(formatChange(null)).toMatchObject({ text: "—", direction: "none" });
    expect(formatChange(undefined)).toMatchObject({ direction: "none" });
    expect(formatChange(Number.POSITIVE_INFINITY)).toMatchObject({ direction: "none" });
  });
});

describe("formatValue", () => {
  it("follows the metric's format", () => {
    expect(formatValue(1234567.5, "currency:EUR")).toBe("€1,234,568");
    expect(formatValue(99.5, "currency:USD")).toBe("$99.50");
    expect(formatValue(0.256, "percent")).toBe("25.6%");
    expect(formatValue(1234.567, "number")).toBe("1,234.57");
  });

  it("uses the answer's currency when the format names none, and a dash for no value", () => {
    expect(formatValue(2500, null, "GBP")).toBe("£2,500");
    expect(formatValue(null)).toBe("—");
  });
});

describe("formatGroup", () => {
  it("labels date buckets by their size", () => {
    expect(formatGroup("2026-11-01", { name: "closeDate:month", type: "date" })).toBe("Nov 2026");
    expect(formatGroup("2026-10-01", { name: "closeDate:quarter", type: "date" })).toBe("Q4 2026");
    expect(formatGroup(null, { name: "stage", type: "string" })).toBe("(none)");
  });
});

describe("columnLabel", () => {
  it("reads groupings as words", () => {
    expect(columnLabel("related:has_opportunity:in.name")).toBe("name (has_opportunity)");
    expect(columnLabel("closeDate:month")).toBe("closeDate (month)");
    expect(columnLabel("sum_amount")).toBe("sum_amount");
  });
});
