import { describe, expect, it } from "vitest";
import { apiErrorOf } from "@/lib/api";
import { json } from "@/test/fake-server";
import { formErrorsOf, mapProblems, pointerSegments } from "./form-errors";

const keys = ["structuredData.name", "structuredData.probability", "structuredData.address", "structuredData.address.city", "structuredData.labels", "unstructuredData.text", "metadata.tags", "status"];

describe("422 pointers on the form", () => {
  it("land on the field they name, nested and array items included", () => {
    const errors = mapProblems(
      [
        { pointer: "/structuredData/probability", message: "must have a maximum value of 100" },
        { pointer: "/structuredData/address/city", message: "too long" },
        { pointer: "/structuredData/labels/2", message: "must be a string" },
        { pointer: "/structuredData/probability", message: "second message" },
        { pointer: "/metadata/tags/0", message: "bad tag" },
      ],
      keys,
    );
    expect(errors.fields).toEqual({
      "structuredData.probability": "must have a maximum value of 100",
      "structuredData.address.city": "too long",
      "structuredData.labels": "must be a string",
      "metadata.tags": "bad tag",
    });
    expect(errors.form).toEqual([]);
  });

  it("keep what matches no field above the form, saying where", () => {
    const errors = mapProblems(
      [
        { pointer: "/structuredData", message: "is required and must be an object" },
        { pointer: "/structuredData/unknownThing", message: "not allowed" },
        { pointer: "", message: "broken" },
      ],
      keys,
    );
    expect(errors.fields).toEqual({});
    expect(errors.form).toEqual(["is required and must be an object", "unknownThing: not allowed", "broken"]);
  });

  it("decode ~1 and ~0 in pointers", () => {
    expect(pointerSegments("/structuredData/a~1b/c~0d")).toEqual(["structuredData", "a/b", "c~d"]);
  });

  it("are read from the server's problem", async () => {
    const error = await apiErrorOf(
      json(422, { status: 422, title: "Validation failed", errors: [{ pointer: "/structuredData/name", message: "required property 'name' not found" }] }),
    );
    expect(formErrorsOf(error, keys)).toEqual({ fields: { "structuredData.name": "required property 'name' not found" }, form: [] });
    expect(formErrorsOf(await apiErrorOf(json(500, {})), keys)).toBeUndefined();
  });
});
