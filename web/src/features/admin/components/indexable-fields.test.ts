import { describe, expect, it } from "vitest";
import { indexableFields } from "./indexable-fields";

describe("indexableFields", () => {
  it("lists scalar fields, nested objects' included, and leaves arrays and objects out", () => {
    const schema = {
      type: "object",
      properties: {
        name: { type: "string" },
        amount: { type: "number" },
        seats: { type: "integer" },
        active: { type: "boolean" },
        closeDate: { type: "string", format: "date" },
        note: { type: ["string", "null"] },
        tags: { type: "array", items: { type: "string" } },
        address: { type: "object", properties: { city: { type: "string" }, lines: { type: "array" } } },
        either: { type: ["string", "number"] },
      },
    };
    expect(indexableFields(schema)).toEqual(["/name", "/amount", "/seats", "/active", "/closeDate", "/note", "/address/city"]);
  });

  it("escapes a property name as a JSON pointer does", () => {
    expect(indexableFields({ properties: { "a/b": { type: "string" }, "c~d": { type: "number" } } })).toEqual(["/a~1b", "/c~0d"]);
  });

  it("finds nothing in what is not a schema with properties", () => {
    expect(indexableFields(undefined)).toEqual([]);
    expect(indexableFields({ type: "object" })).toEqual([]);
    expect(indexableFields("x")).toEqual([]);
  });
});
