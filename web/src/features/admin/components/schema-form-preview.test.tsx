import { describe, expect, it } from "vitest";
import { render, screen } from "@testing-library/react";
import { ancestorsOf } from "../routes/shard-type-editor-page";
import { mergeWithParent, SchemaFormPreview } from "./schema-form-preview";

describe("the form preview of a schema", () => {
  it("draws a control per property, by type, with the required ones marked", () => {
    render(
      <SchemaFormPreview
        schema={{
          type: "object",
          properties: {
            name: { type: "string", title: "Name", description: "As on the contract" },
            stage: { enum: ["lead", "won"] },
            amount: { type: "integer", minimum: 0 },
            closed: { type: "boolean", title: "Closed" },
            closeDate: { type: "string", format: "date" },
            address: { type: "object", title: "Address", properties: { city: { type: "string" } } },
          },
          required: ["name"],
        }}
      />,
    );
    expect(screen.getByRole("textbox", { name: "Name (required)" })).toHaveAccessibleDescription("As on the contract");
    expect(screen.getByLabelText("stage").tagName).toBe("SELECT");
    expect(screen.getByLabelText("amount")).toHaveAttribute("type", "number");
    expect(screen.getByLabelText("amount")).toHaveAttribute("step", "1");
    expect(screen.getByLabelText("Closed")).toHaveAttribute("type", "checkbox");
    expect(screen.getByLabelText("closeDate")).toHaveAttribute("type", "date");
    expect(screen.getByRole("group", { name: "Address" })).toContainElement(screen.getByLabelText("city"));
  });

  it("includes the parent type's fields, the child's own winning", () => {
    const merged = mergeWithParent(
      { type: "object", properties: { stage: { type: "string", title: "Own stage" } }, required: ["stage"] },
      { type: "object", properties: { name: { type: "string" }, stage: { type: "number" } }, required: ["name"] },
    );
    expect(merged).toEqual({
      type: "object",
      properties: { name: { type: "string" }, stage: { type: "string", title: "Own stage" } },
      required: ["name", "stage"],
    });
  });

  it("names a type's ancestors, nearest first, without looping on a cycle", () => {
    const types = [{ name: "a" }, { name: "b", parentType: "a" }, { name: "c", parentType: "b" }, { name: "x", parentType: "y" }, { name: "y", parentType: "x" }];
    expect(ancestorsOf("c", types)).toEqual(["c", "b", "a"]);
    expect(ancestorsOf(undefined, types)).toEqual([]);
    expect(ancestorsOf("x", types)).toEqual(["x", "y"]);
  });
});
