import { afterEach, describe, expect, it, vi } from "vitest";
import { dateTimeFormat, formatDate, formatDateTime, formatNumber, formatRelative, formatTimestamp, numberFormat } from "./format";

// Midday UTC: the same calendar day in every time zone the tests may run in.
const NOON = "2026-12-07T12:00:00Z";

afterEach(() => {
  vi.restoreAllMocks();
});

describe("formatDateTime", () => {
  it("writes a medium date and a short time", () => {
    expect(formatDateTime(NOON, { locale: "en" })).toMatch(/^Dec 7, 2026, \d{1,2}:\d{2}\s?[AP]M$/);
    expect(formatDateTime(NOON)).toBe(new Date(NOON).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" }));
  });

  it("says the fallback when there is no time, and shows a time that does not parse as it came", () => {
    expect(formatDateTime(undefined)).toBe("");
    expect(formatDateTime(null, { fallback: "Never" })).toBe("Never");
    expect(formatDateTime("", { fallback: "—" })).toBe("—");
    expect(formatDateTime("soon")).toBe("soon");
  });
});

describe("formatDate", () => {
  it("writes the date alone", () => {
    expect(formatDate(NOON, { locale: "en" })).toBe("Dec 7, 2026");
    expect(formatDate(undefined)).toBe("");
  });
});

describe("formatTimestamp", () => {
  it("writes what Date.toLocaleString writes, to the second", () => {
    expect(formatTimestamp("2026-12-07T12:34:56Z")).toBe(new Date("2026-12-07T12:34:56Z").toLocaleString());
    expect(formatTimestamp(Date.parse(NOON))).toBe(new Date(NOON).toLocaleString());
    expect(formatTimestamp(undefined)).toBe("");
  });
});

describe("formatRelative", () => {
  const now = Date.parse(NOON);

  it("says how long ago within the last week, then the date", () => {
    expect(formatRelative("2026-12-07T11:59:30Z", now, "en")).toBe("30 seconds ago");
    expect(formatRelative("2026-12-07T11:55:00Z", now, "en")).toBe("5 minutes ago");
    expect(formatRelative("2026-12-07T09:00:00Z", now, "en")).toBe("3 hours ago");
    expect(formatRelative("2026-12-06T12:00:00Z", now, "en")).toBe("yesterday");
    expect(formatRelative("2026-12-05T12:00:00Z", now, "en")).toBe("2 days ago");
    expect(formatRelative("2026-11-01T12:00:00Z", now, "en")).toMatch(/^Nov 1, 2026/);
  });

  it("shows nothing for a missing or broken time", () => {
    expect(formatRelative(undefined, now)).toBe("");
    expect(formatRelative("yesterday", now)).toBe("");
  });
});

describe("formatNumber", () => {
  it("groups digits as Number.toLocaleString does", () => {
    expect(formatNumber(1234567.891, "en")).toBe("1,234,567.891");
    expect(formatNumber(1234.5)).toBe((1234.5).toLocaleString());
  });
});

describe("the formatters", () => {
  it("are made once per locale and set of options", () => {
    const made = vi.spyOn(Intl, "DateTimeFormat");
    const first = dateTimeFormat({ dateStyle: "long" }, "fr");
    expect(dateTimeFormat({ dateStyle: "long" }, "fr")).toBe(first);
    expect(made).toHaveBeenCalledTimes(1);
    expect(dateTimeFormat({ dateStyle: "long" }, "de")).not.toBe(first);
    expect(numberFormat({ style: "percent" }, "fr")).toBe(numberFormat({ style: "percent" }, "fr"));
  });
});
