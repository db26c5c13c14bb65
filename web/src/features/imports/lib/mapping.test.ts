import { describe, expect, it } from "vitest";
import { fieldsOf, suggestMapping, unmappedRequired } from "./mapping";

const schema = {
  type: "object",
  required: ["name"],
  properties: {
    industry: { type: "string" },
    name: { type: "string" },
    annualRevenue: { type: "number" },
    employees: { type: "integer" },
    active: { type: ["boolean", "null"] },
    foundedOn: { type: "string", format: "date", title: "Founded" },
    seenAt: { type: "string", format: "date-time" },
    labels: { type: "array" },
  },
};

describe("the fields of a schema", () => {
  it("lists required fields first with the kind each holds", () => {
    const fields = fieldsOf(schema);
    expect(fields.map((field) => field.name)).toEqual(["name", "industry", "annualRevenue", "employees", "active", "foundedOn", "seenAt", "labels"]);
    expect(Object.fromEntries(fields.map((field) => [field.name, field.kind]))).toMatchObject({
      name: "string",
      annualRevenue: "number",
      employees: "integer",
      active: "boolean",
      foundedOn: "date",
      seenAt: "date-time",
      labels: "array",
    });
    expect(fields[0]).toMatchObject({ required: true });
  });
});

describe("the suggested mapping", () => {
  const fields = fieldsOf(schema);

  it("matches column names to fields ignoring case, spaces, underscores and hyphens", () => {
    expect(suggestMapping(["Name", "Annual revenue", "EMPLOYEES", "annual_revenue", "Industry-", "Founded", "Notes", "text", "Tags"], fields)).toEqual({
      Name: "field:name",
      "Annual revenue": "field:annualRevenue",
      EMPLOYEES: "field:employees",
      // each field once: the first matching column takes it
      annual_revenue: "",
      "Industry-": "field:industry",
      Founded: "field:foundedOn",
      Notes: "",
      text: "text",
      Tags: "tags",
    });
  });

  it("names the required fields left unmapped", () => {
    const mapping = suggestMapping(["Company", "industry"], fields);
    expect(unmappedRequired(mapping, fields).map((field) => field.name)).toEqual(["name"]);
    expect(unmappedRequired({ ...mapping, Company: "field:name" }, fields)).toEqual([]);
  });
});
