import { describe, expect, it } from "vitest";
import { formatInterval } from "./format";

describe("job schedules", () => {
  it("read as people say them", () => {
    expect(formatInterval("PT1H")).toBe("Every 1 h");
    expect(formatInterval("PT1H30M")).toBe("Every 1 h 30 min");
    expect(formatInterval("PT10S")).toBe("Every 10 s");
    expect(formatInterval("0 0 * * *")).toBe("0 0 * * *");
    expect(formatInterval(undefined)).toBe("—");
  });
});
