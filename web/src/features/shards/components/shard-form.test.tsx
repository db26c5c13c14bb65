import { useState } from "react";
import { describe, expect, it, vi } from "vitest";
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { ShardBody } from "../api/shards-api";
import { mapProblems, type FormErrors } from "../lib/form-errors";
import type { JsonSchema } from "../lib/schema";
import { EMPTY_BODY, formFieldKeys, ShardForm } from "./shard-form";

const schema: JsonSchema = {
  type: "object",
  required: ["name"],
  properties: {
    name: { type: "string", maxLength: 80 },
    probability: { type: "number", minimum: 0, maximum: 100 },
    seats: { type: "integer" },
    stage: { type: "string", enum: ["open", "won"] },
    internal: { type: "boolean" },
    closeDate: { type: "string", format: "date" },
    labels: { type: "array", items: { type: "string" } },
    address: { type: "object", properties: { city: { type: "string" } } },
  },
};

function Harness({ errors = { fields: {}, form: [] }, attempt = 0, onValues }: { errors?: FormErrors; attempt?: number; onValues: (values: ShardBody) => void }) {
  const [values, setValues] = useState<ShardBody>(EMPTY_BODY);
  return (
    <ShardForm
      schema={schema}
      values={values}
      onChange={(next) => {
        setValues(next);
        onValues(next);
      }}
      onSubmit={() => {}}
      errors={errors}
      attempt={attempt}
      pending={false}
      submitLabel="Create"
    />
  );
}

describe("the schema form", () => {
  it("renders each schema type with its input and yields typed values", async () => {
    const user = userEvent.setup();
    const onValues = vi.fn();
    render(<Harness onValues={onValues} />);

    expect(screen.getByLabelText(/^Name/)).toHaveAttribute("aria-required", "true");
    expect(screen.getByLabelText(/^Name/)).toHaveAccessibleDescription("Up to 80 characters.");
    expect(screen.getByLabelText("Probability")).toHaveAttribute("type", "number");
    expect(screen.getByLabelText("Probability")).toHaveAccessibleDescription("From 0 to 100.");
    expect(screen.getByLabelText("Close date")).toHaveAttribute("type", "date");

    await user.type(screen.getByLabelText(/^Name/), "Acme");
    await user.type(screen.getByLabelText("Probability"), "42.5");
    await user.type(screen.getByLabelText("Seats"), "7");
    await user.selectOptions(screen.getByLabelText("Stage"), "won");
    await user.click(screen.getByLabelText("Internal"));
    await user.click(screen.getByRole("button", { name: "Add to Labels" }));
    await user.type(screen.getByLabelText("Labels 1"), "vip");
    await user.type(screen.getByLabelText("City"), "Paris");
    await user.type(screen.getByLabelText("Tags"), "a, b,");

    const last = onValues.mock.calls.at(-1)?.[0] as ShardBody;
    expect(last.structuredData).toEqual({
      name: "Acme",
      probability: 42.5,
      seats: 7,
      stage: "won",
      internal: true,
      labels: ["vip"],
      address: { city: "Paris" },
    });
    expect(last.metadata).toEqual({ tags: ["a", "b"] });
    expect(screen.getByLabelText("Tags")).toHaveValue("a, b,");
  });

  it("shows the server's 422 messages on their fields and focuses the first one", () => {
    const errors = mapProblems(
      [
        { pointer: "/structuredData/address/city", message: "too long" },
        { pointer: "/structuredData/probability", message: "must have a maximum value of 100" },
      ],
      formFieldKeys(schema),
    );
    render(<Harness errors={errors} attempt={1} onValues={() => {}} />);

    const probability = screen.getByLabelText("Probability");
    expect(probability).toHaveAttribute("aria-invalid", "true");
    expect(probability).toHaveAccessibleDescription("From 0 to 100. must have a maximum value of 100");
    expect(screen.getByLabelText("City")).toHaveAccessibleDescription("too long");
    // Document order, not the order of the problems: probability comes before the address.
    expect(probability).toHaveFocus();
    expect(screen.getByRole("alert")).toHaveTextContent("Check the highlighted fields.");
  });
});
