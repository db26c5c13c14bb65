import { describe, expect, it, vi } from "vitest";
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { flatFields } from "../lib/schema";
import { FilterEditor } from "./filter-editor";

const fields = flatFields({
  type: "object",
  properties: { name: { type: "string" }, amount: { type: "number" }, stage: { type: "string", enum: ["open", "won"] } },
});

describe("the filter editor", () => {
  it("builds where clauses from field, operator and value", async () => {
    const user = userEvent.setup();
    const onApply = vi.fn();
    render(<FilterEditor fields={fields} where={[]} onApply={onApply} />);

    await user.click(screen.getByRole("button", { name: "Add filter" }));
    await user.selectOptions(screen.getByLabelText("Field"), "Amount");
    expect([...screen.getByLabelText<HTMLSelectElement>("Operator").options].map((o) => o.value)).not.toContain("contains");
    await user.selectOptions(screen.getByLabelText("Operator"), "gte");
    await user.type(screen.getByRole("spinbutton", { name: "Value" }), "1000");

    await user.click(screen.getByRole("button", { name: "Add filter" }));
    const [, secondField] = screen.getAllByLabelText("Field");
    await user.selectOptions(secondField!, "Stage");
    await user.selectOptions(screen.getByRole("combobox", { name: "Value" }), "won");

    await user.click(screen.getByRole("button", { name: "Apply filters" }));
    expect(onApply).toHaveBeenCalledWith(["amount:gte:1000", "stage:eq:won"]);
  });

  it("shows the applied filters and removes one", async () => {
    const user = userEvent.setup();
    const onApply = vi.fn();
    render(<FilterEditor fields={fields} where={["name:contains:acme", "amount:lt:5"]} onApply={onApply} />);

    expect(screen.getAllByLabelText("Field").map((select) => (select as HTMLSelectElement).value)).toEqual(["name", "amount"]);
    await user.click(screen.getByRole("button", { name: "Remove filter 1" }));
    await user.click(screen.getByRole("button", { name: "Apply filters" }));
    expect(onApply).toHaveBeenCalledWith(["amount:lt:5"]);
  });
});
