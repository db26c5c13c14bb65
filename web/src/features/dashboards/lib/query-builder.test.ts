import { describe, expect, it } from "vitest";
import { buildQuery, emptyDraft, parseQuery, schemaFields, type QueryDraft } from "./query-builder";

describe("buildQuery", () => {
  it("turns the form into the analytics body: filters, groupings, one named measure, order and limit", () => {
    const draft: QueryDraft = {
      shardType: "c_opportunity",
      filters: [
        { field: "stage", op: "in", value: "won|lost" },
        { field: "amount", op: "gte", value: "1000" },
      ],
      groupBy: [
        { field: "stage", bucket: "" },
        { field: "closeDate", bucket: "month" },
        { field: "related:has_opportunity:in.industry", bucket: "" },
      ],
      measure: { fn: "sum", field: "amount" },
      sort: "measureDesc",
      limit: "20",
    };
    expect(buildQuery(draft)).toEqual({
      shardType: "c_opportunity",
      where: ["stage:in:won|lost", "amount:gte:1000"],
      groupBy: ["stage", "closeDate:month", "related:has_opportunity:in.industry"],
      measures: [{ fn: "sum", field: "amount", as: "sum_amount" }],
      sort: ["-sum_amount"],
      limit: 20,
    });
  });

  it("leaves out what is empty, and a count needs no field", () => {
    const draft = { ...emptyDraft("c_account"), filters: [{ field: "", op: "eq" as const, value: "x" }], groupBy: [{ field: "", bucket: "" as const }] };
    expect(buildQuery({ ...draft, measure: { fn: "count", field: "amount" } })).toEqual({
      shardType: "c_account",
      measures: [{ fn: "count", as: "count" }],
    });
  });

  it("sorts by the first grouping, names nested fields with underscores, caps the limit", () => {
    const draft: QueryDraft = {
      ...emptyDraft("c_account"),
      groupBy: [{ field: "createdAt", bucket: "quarter" }],
      measure: { fn: "avg", field: "address.employees" },
      sort: "groupDesc",
      limit: "50000",
    };
    expect(buildQuery(draft)).toMatchObject({
      groupBy: ["createdAt:quarter"],
      measures: [{ fn: "avg", field: "address.employees", as: "avg_address_employees" }],
      sort: ["-createdAt:quarter"],
      limit: 10000,
    });
  });

  it("writes exists filters with a value the server accepts", () => {
    expect(buildQuery({ ...emptyDraft("t"), filters: [{ field: "email", op: "exists", value: "" }] }).where).toEqual(["email:exists:true"]);
  });
});

describe("parseQuery", () => {
  it("reads a stored query back into the form, the built-in starter dashboard's included", () => {
    const draft = parseQuery({
      shardType: "c_opportunity",
      where: ["stage:eq:closed_won", "note:contains:a:b"],
      groupBy: ["closeDate:month", "related:has_opportunity:in.name"],
      measures: [{ fn: "sum", field: "amount", as: "amount" }, { fn: "count", as: "deals" }],
      sort: ["-amount"],
      limit: 10,
    });
    expect(draft).toEqual({
      shardType: "c_opportunity",
      filters: [
        { field: "stage", op: "eq", value: "closed_won" },
        { field: "note", op: "contains", value: "a:b" },
      ],
      groupBy: [
        { field: "closeDate", bucket: "month" },
        { field: "related:has_opportunity:in.name", bucket: "", custom: true },
      ],
      measure: { fn: "sum", field: "amount" },
      sort: "measureDesc",
      limit: "10",
    });
  });

  it("round-trips what the builder made", () => {
    const draft: QueryDraft = {
      shardType: "c_opportunity",
      filters: [{ field: "stage", op: "ne", value: "lost" }],
      groupBy: [{ field: "stage", bucket: "" }],
      measure: { fn: "max", field: "amount" },
      sort: "groupAsc",
      limit: "5",
    };
    expect(parseQuery(buildQuery(draft))).toEqual(draft);
  });
});

describe("schemaFields", () => {
  it("lists a schema's fields with their kinds, nested objects as dotted paths", () => {
    expect(
      schemaFields({
        type: "object",
        properties: {
          name: { type: "string" },
          amount: { type: "number" },
          closeDate: { type: "string", format: "date" },
          address: { type: "object", properties: { country: { type: ["string", "null"] } } },
          tags: { type: "array" },
        },
      }),
    ).toEqual([
      { path: "name", kind: "string" },
      { path: "amount", kind: "number" },
      { path: "closeDate", kind: "date" },
      { path: "address.country", kind: "string" },
      { path: "tags", kind: "array" },
    ]);
  });
});
