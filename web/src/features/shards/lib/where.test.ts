import { describe, expect, it } from "vitest";
import { flatFields, type JsonSchema } from "./schema";
import { buildWhere, operatorsFor, parseWhere, sortOptions, toWhere } from "./where";

const schema: JsonSchema = {
  type: "object",
  required: ["name"],
  properties: {
    name: { type: "string" },
    amount: { type: "number" },
    stage: { type: "string", enum: ["open", "won"] },
    closeDate: { type: "string", format: "date" },
    active: { type: "boolean" },
    labels: { type: "array", items: { type: "string" } },
    address: { type: "object", properties: { city: { type: "string" } } },
  },
};
const fields = flatFields(schema);
const field = (path: string) => fields.find((f) => f.path === path)!;

describe("where clauses", () => {
  it("offer the operators that fit each field's type", () => {
    expect(operatorsFor(field("amount"))).toEqual(["eq", "ne", "gt", "gte", "lt", "lte", "in", "exists"]);
    expect(operatorsFor(field("active"))).toEqual(["eq", "ne", "exists"]);
    expect(operatorsFor(field("labels"))).toEqual(["contains", "exists"]);
    expect(operatorsFor(field("stage"))).toEqual(["eq", "ne", "in", "exists"]);
    expect(operatorsFor(field("closeDate"))).toContain("gte");
    expect(operatorsFor(field("closeDate"))).not.toContain("contains");
    expect(operatorsFor(field("name"))).toContain("contains");
  });

  it("are written as field:op:value, nested fields with dots", () => {
    expect(toWhere({ field: "amount", op: "gte", value: "10000" })).toBe("amount:gte:10000");
    expect(toWhere({ field: "address.city", op: "eq", value: " Paris " })).toBe("address.city:eq:Paris");
    expect(toWhere({ field: "stage", op: "in", value: "open| won |" })).toBe("stage:in:open|won");
    expect(toWhere({ field: "name", op: "exists", value: "" })).toBe("name:exists:true");
    expect(toWhere({ field: "name", op: "exists", value: "false" })).toBe("name:exists:false");
  });

  it("drop incomplete or invalid conditions and duplicates", () => {
    expect(
      buildWhere([
        { field: "amount", op: "gt", value: "" },
        { field: "bad field", op: "eq", value: "x" },
        { field: "stage", op: "in", value: "|" },
        { field: "name", op: "eq", value: "Acme: the company" },
        { field: "name", op: "eq", value: "Acme: the company" },
      ]),
    ).toEqual(["name:eq:Acme: the company"]);
  });

  it("parse back, keeping colons in the value", () => {
    expect(parseWhere("name:eq:Acme: the company")).toEqual({ field: "name", op: "eq", value: "Acme: the company" });
    expect(parseWhere("amount:GTE:5")).toEqual({ field: "amount", op: "gte", value: "5" });
    expect(parseWhere("name:exists")).toEqual({ field: "name", op: "exists", value: "true" });
    expect(parseWhere("name:like:x")).toBeUndefined();
    expect(parseWhere("nonsense")).toBeUndefined();
  });

  it("sort by the system fields and the schema's scalars, both ways", () => {
    const options = sortOptions(fields);
    expect(options).toContain("-createdAt");
    expect(options).toContain("structuredData.amount");
    expect(options).toContain("-structuredData.address.city");
    expect(options).not.toContain("structuredData.labels");
    expect(options).not.toContain("structuredData.address");
  });
});
