import { describe, expect, it } from "vitest";
import { displayValue, shardPath, shardTitle } from "./shard-title";

describe("shardTitle", () => {
  it("takes the first naming field that has text, in order", () => {
    expect(shardTitle({ id: "1", structuredData: { title: "Q3 plan", name: "Acme" } })).toBe("Acme");
    expect(shardTitle({ id: "1", structuredData: { name: "  ", subject: " Renewal " } })).toBe("Renewal");
    expect(shardTitle({ id: "1", structuredData: { email: "ada@example.com" } })).toBe("ada@example.com");
  });

  it("shows a naming field that is not a string as its display text", () => {
    expect(shardTitle({ id: "1", structuredData: { name: 42 } })).toBe("42");
    expect(shardTitle({ id: "1", structuredData: { label: ["red", "blue"] } })).toBe("red, blue");
  });

  it("names a contact by first and last name, or by either alone", () => {
    expect(shardTitle({ id: "1", structuredData: { firstName: "Ada", lastName: "Lovelace" } })).toBe("Ada Lovelace");
    expect(shardTitle({ id: "1", structuredData: { lastName: "Lovelace" } })).toBe("Lovelace");
  });

  it("falls back to the type and the start of the id", () => {
    expect(shardTitle({ id: "0123456789abcdef", shardType: "deal", structuredData: { amount: 5 } })).toBe("deal 01234567");
    expect(shardTitle({ id: "0123456789abcdef", structuredData: ["not", "fields"] })).toBe("shard 01234567");
    expect(shardTitle({})).toBe("shard");
  });
});

describe("displayValue", () => {
  it("shows nothing for a missing value", () => {
    expect(displayValue(undefined)).toBe("");
    expect(displayValue(null)).toBe("");
  });

  it("joins lists and writes objects as JSON", () => {
    expect(displayValue([1, [2, 3]])).toBe("1, 2, 3");
    expect(displayValue({ a: 1 })).toBe('{"a":1}');
    expect(displayValue(false)).toBe("false");
  });
});

describe("shardPath", () => {
  it("encodes the id into the shard page's path", () => {
    expect(shardPath("a/b")).toBe("/shards/a%2Fb");
  });
});
