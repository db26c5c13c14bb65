import { describe, expect, it } from "vitest";
import { checkSchemaShape, checkSchemaText, lineOf, parseJsonWithPositions } from "./schema-check";

describe("the schema editor's checks", () => {
  it("accept a well-formed object schema", () => {
    const text = JSON.stringify({
      type: "object",
      properties: { name: { type: "string", maxLength: 80 }, amount: { type: "number", minimum: 0 }, tags: { type: "array", items: { type: "string" } } },
      required: ["name"],
    });
    const result = checkSchemaText(text);
    expect(result.problems).toEqual([]);
    expect(result.value).toMatchObject({ required: ["name"] });
  });

  it("report a JSON syntax error with its position", () => {
    const text = '{\n  "type": "object",\n  "properties": { "a": { "type": "string" }, }\n}';
    const [problem, ...rest] = checkSchemaText(text).problems;
    expect(rest).toEqual([]);
    expect(problem).toMatchObject({ severity: "error", message: "Trailing comma before }." });
    expect(lineOf(text, problem!.from)).toBe(3);
    expect(checkSchemaText("").problems[0]?.message).toBe("The schema is empty or ends too early.");
    expect(checkSchemaText('{"a": 1} x').problems[0]?.message).toBe('Unexpected "x" after the end of the schema.');
    expect(checkSchemaText("{'a': 1}").problems[0]?.message).toBe('Expected a property name in double quotes, found "\'".');
    expect(checkSchemaText('{"a": 1, "a": 2}').problems[0]?.message).toBe('Duplicate property "a".');
  });

  it("parse exactly what JSON.parse parses", () => {
    const text = '{"s": "a\\u00e9\\n", "n": -1.5e3, "t": true, "f": false, "z": null, "l": [1, [2], {}]}';
    expect(parseJsonWithPositions(text).value).toEqual(JSON.parse(text));
  });

  it("underline the offending value, by its pointer", () => {
    const text = '{\n  "type": "object",\n  "properties": {\n    "age": { "type": "int" }\n  }\n}';
    const [problem] = checkSchemaText(text).problems;
    expect(problem?.pointer).toBe("/properties/age/type");
    expect(text.slice(problem!.from, problem!.to)).toBe('"int"');
    expect(problem?.message).toContain("Unknown type");
  });

  it("check the shape of keywords without compiling the schema", () => {
    const messages = (schema: unknown) => checkSchemaShape(schema).map((problem) => `${problem.pointer} ${problem.message}`);
    expect(messages([])).toEqual([" The schema must be a JSON object ({ … })."]);
    expect(messages({ type: "array" })).toEqual(['/type Shard data is an object: the top-level "type" must be "object".']);
    expect(messages({ properties: [] })).toEqual(['/properties "properties" must be an object of schemas.']);
    expect(messages({ properties: { a: 3 } })).toEqual(["/properties/a A schema must be an object or true/false."]);
    expect(messages({ required: "a" })).toEqual(['/required "required" must be a list of property names.']);
    expect(messages({ properties: { a: { enum: [] } } })).toEqual(['/properties/a/enum "enum" must be a non-empty list of values.']);
    expect(messages({ properties: { a: { minLength: -1 } } })).toEqual(['/properties/a/minLength "minLength" must be a whole number, 0 or more.']);
    expect(messages({ properties: { a: { minimum: 5, maximum: 1 } } })).toEqual(['/properties/a/minimum "minimum" is greater than "maximum".']);
    expect(messages({ properties: { a: { pattern: "([a-z" } } })).toEqual(["/properties/a/pattern Not a valid regular expression: ([a-z"]);
    expect(messages({ properties: { a: { items: 1 } } })).toEqual(['/properties/a/items "items" must be a schema (an object or true/false).']);
    expect(messages({ anyOf: [] })).toEqual(['/anyOf "anyOf" must be a non-empty list of schemas.']);
    expect(messages({ properties: { a: { type: ["string", "nope"] } } })[0]).toMatch(/^\/properties\/a\/type\/1 Unknown type "nope"/);
  });

  it("warn, not fail, on a required name that is not a property (it may come from the parent type)", () => {
    const problems = checkSchemaShape({ properties: { a: {} }, required: ["b"] });
    expect(problems).toEqual([{ pointer: "/required/0", message: '"b" is required but not among the properties.', severity: "warning" }]);
    expect(checkSchemaShape({ properties: { a: {} }, required: ["b"], additionalProperties: false })[0]?.severity).toBe("error");
  });
});
