import { describe, expect, it } from "vitest";
import { useState } from "react";
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { ShardType } from "../api/types";
import { buildQuery, emptyDraft, type QueryDraft } from "../lib/query-builder";
import { QueryBuilder } from "./query-builder";

const types: ShardType[] = [
  {
    name: "c_opportunity",
    displayName: "Opportunity",
    schema: {
      type: "object",
      properties: { name: { type: "string" }, stage: { type: "string" }, amount: { type: "number" }, closeDate: { type: "string", format: "date" } },
    } as ShardType["schema"],
  },
];

function Harness({ onDraft }: { onDraft: (draft: QueryDraft) => void }) {
  const [draft, setDraft] = useState(emptyDraft());
  return (
    <QueryBuilder
      draft={draft}
      types={types}
      onChange={(next) => {
        setDraft(next);
        onDraft(next);
      }}
    />
  );
}

describe("the query builder", () => {
  it("builds group by stage, sum of amount, a filter and a monthly bucket from the form", async () => {
    const user = userEvent.setup();
    let draft = emptyDraft();
    render(<Harness onDraft={(next) => (draft = next)} />);

    await user.selectOptions(screen.getByLabelText("Shard type"), "c_opportunity");
    await user.click(screen.getByRole("button", { name: "Add filter" }));
    await user.selectOptions(screen.getByLabelText("Filter 1 field"), "stage");
    await user.selectOptions(screen.getByLabelText("Filter 1 condition"), "ne");
    await user.type(screen.getByLabelText("Filter 1 value"), "closed_lost");
    await user.click(screen.getByRole("button", { name: "Add grouping" }));
    await user.selectOptions(screen.getByLabelText("Group by"), "stage");
    await user.click(screen.getByRole("button", { name: "Add grouping" }));
    await user.selectOptions(screen.getByLabelText("Group by 2"), "closeDate");
    // A date field is grouped by month unless told otherwise.
    expect(screen.getByLabelText("Group by 2 period")).toHaveValue("month");
    await user.selectOptions(screen.getByLabelText("Group by 2 period"), "quarter");
    await user.selectOptions(screen.getByLabelText("Measure"), "sum");
    // Sums are of numbers: only numeric fields are offered.
    const fieldOptions = Array.from((screen.getByLabelText("Measure field") as HTMLSelectElement).options).map((option) => option.value);
    expect(fieldOptions).toEqual(["", "amount"]);
    await user.selectOptions(screen.getByLabelText("Measure field"), "amount");
    await user.selectOptions(screen.getByLabelText("Order"), "measureDesc");
    await user.type(screen.getByLabelText("Rows at most"), "25");

    expect(buildQuery(draft)).toEqual({
      shardType: "c_opportunity",
      where: ["stage:ne:closed_lost"],
      groupBy: ["stage", "closeDate:quarter"],
      measures: [{ fn: "sum", field: "amount", as: "sum_amount" }],
      sort: ["-sum_amount"],
      limit: 25,
    });
  });

  it("groups by a linked shard's field typed as a path", async () => {
    const user = userEvent.setup();
    let draft = emptyDraft();
    render(<Harness onDraft={(next) => (draft = next)} />);
    await user.selectOptions(screen.getByLabelText("Shard type"), "c_opportunity");
    await user.click(screen.getByRole("button", { name: "Add grouping" }));
    await user.selectOptions(screen.getByLabelText("Group by"), "__custom__");
    const path = screen.getByLabelText(/Group by 1 path/);
    await user.clear(path);
    await user.type(path, "related:has_opportunity:in.industry");
    expect(buildQuery(draft)).toMatchObject({ groupBy: ["related:has_opportunity:in.industry"], measures: [{ fn: "count", as: "count" }] });
  });
});
