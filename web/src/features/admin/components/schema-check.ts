/**
 * Checks a shard type's JSON Schema as it is typed: JSON syntax first, then the shape of the
 * schema (keywords with the right kinds of values). Everything is plain code over the parsed value;
 * the CSP forbids eval, so no schema compiler (AJV) runs in the browser: the server still has the
 * last word and its 422 pointers are shown too.
 */
import { t } from "@/lib/i18n";

export type Severity = "error" | "warning";

export type SchemaProblem = {
  /** JSON Pointer of the offending value ("" for the whole document). */
  pointer: string;
  message: string;
  severity: Severity;
  /** Character range in the text, when known. */
  from: number;
  to: number;
};

export type SchemaCheck = {
  /** The parsed schema when the text is valid JSON. */
  value?: unknown;
  problems: SchemaProblem[];
};

type Span = { from: number; to: number };

class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(message);
  }
}

/**
 * A strict JSON parser (RFC 8259) that also records where each value is, by JSON Pointer, so
 * that a problem found in the parsed schema can be underlined in the editor.
 */
export function parseJsonWithPositions(text: string): { value: unknown; spans: Map<string, Span> } {
  const spans = new Map<string, Span>();
  let pos = 0;

  const fail = (message: string, at = pos): never => {
    throw new JsonSyntaxError(message, at);
  };
  const skipSpace = () => {
    while (pos < text.length && " \t\n\r".includes(text[pos]!)) pos++;
  };
  const describe = (at: number) => (at >= text.length ? t("admin.schema.syntax.end") : `"${text[at]}"`);

  const parseString = (): string => {
    const start = pos;
    pos++; // opening quote
    let out = "";
    while (pos < text.length) {
      const char = text[pos]!;
      if (char === '"') {
        pos++;
        return out;
      }
      if (char === "\\") {
        const next = text[pos + 1];
        const simple: Record<string, string> = { '"': '"', "\\": "\\", "/": "/", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t" };
        if (next !== undefined && next in simple) {
          out += simple[next];
          pos += 2;
        } else if (next === "u" && /^[0-9a-fA-F]{4}$/.test(text.slice(pos + 2, pos + 6))) {
          out += String.fromCharCode(parseInt(text.slice(pos + 2, pos + 6), 16));
          pos += 6;
        } else {
          fail(t("admin.schema.syntax.escape"));
        }
      } else if (char < " ") {
        fail(t("admin.schema.syntax.control"));
      } else {
        out += char;
        pos++;
      }
    }
    return fail(t("admin.schema.syntax.unterminated"), start);
  };

  const parseNumber = (): number => {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(pos));
    if (!match) fail(t("admin.schema.syntax.unexpected", { what: describe(pos) }));
    pos += match![0].length;
    return Number(match![0]);
  };

  const parseValue = (pointer: string): unknown => {
    skipSpace();
    const start = pos;
    let value: unknown;
    const char = text[pos];
    if (char === "{") {
      pos++;
      const object: Record<string, unknown> = {};
      skipSpace();
      if (text[pos] === "}") {
        pos++;
      } else {
        for (;;) {
          skipSpace();
          if (text[pos] !== '"') fail(t("admin.schema.syntax.propertyName", { found: describe(pos) }));
          const key = parseString();
          if (Object.prototype.hasOwnProperty.call(object, key)) {
            fail(t("admin.schema.syntax.duplicate", { name: key }), pos - key.length - 2);
          }
          skipSpace();
          if (text[pos] !== ":") fail(t("admin.schema.syntax.colon", { name: key, found: describe(pos) }));
          pos++;
          object[key] = parseValue(`${pointer}/${key.replace(/~/g, "~0").replace(/\//g, "~1")}`);
          skipSpace();
          if (text[pos] === ",") {
            pos++;
            skipSpace();
            if (text[pos] === "}") fail(t("admin.schema.syntax.trailingComma", { bracket: "}" }));
            continue;
          }
          if (text[pos] === "}") {
            pos++;
            break;
          }
          fail(t("admin.schema.syntax.expected", { bracket: "}", found: describe(pos) }));
        }
      }
      value = object;
    } else if (char === "[") {
      pos++;
      const array: unknown[] = [];
      skipSpace();
      if (text[pos] === "]") {
        pos++;
      } else {
        for (;;) {
          array.push(parseValue(`${pointer}/${array.length}`));
          skipSpace();
          if (text[pos] === ",") {
            pos++;
            skipSpace();
            if (text[pos] === "]") fail(t("admin.schema.syntax.trailingComma", { bracket: "]" }));
            continue;
          }
          if (text[pos] === "]") {
            pos++;
            break;
          }
          fail(t("admin.schema.syntax.expected", { bracket: "]", found: describe(pos) }));
        }
      }
      value = array;
    } else if (char === '"') {
      value = parseString();
    } else if (char === "-" || (char !== undefined && char >= "0" && char <= "9")) {
      value = parseNumber();
    } else if (text.startsWith("true", pos)) {
      pos += 4;
      value = true;
    } else if (text.startsWith("false", pos)) {
      pos += 5;
      value = false;
    } else if (text.startsWith("null", pos)) {
      pos += 4;
      value = null;
    } else {
      fail(char === undefined ? t("admin.schema.syntax.empty") : t("admin.schema.syntax.unexpected", { what: describe(pos) }));
    }
    spans.set(pointer, { from: start, to: pos });
    return value;
  };

  const value = parseValue("");
  skipSpace();
  if (pos < text.length) fail(t("admin.schema.syntax.after", { what: describe(pos) }));
  return { value, spans };
}

const TYPES = ["string", "number", "integer", "boolean", "object", "array", "null"];
const SCHEMA_MAPS = ["properties", "patternProperties", "$defs", "definitions", "dependentSchemas"];
const SCHEMA_SINGLES = ["items", "additionalProperties", "not", "contains", "if", "then", "else", "propertyNames", "unevaluatedProperties", "unevaluatedItems", "additionalItems"];
const SCHEMA_LISTS = ["allOf", "anyOf", "oneOf", "prefixItems"];
const NON_NEGATIVE_INTEGERS = ["minLength", "maxLength", "minItems", "maxItems", "minProperties", "maxProperties", "minContains", "maxContains"];
const NUMBERS = ["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"];
const STRINGS = ["title", "description", "format", "$ref", "$id", "$schema", "$comment", "$anchor", "contentMediaType", "contentEncoding"];
const RANGES: [string, string][] = [
  ["minimum", "maximum"],
  ["minLength", "maxLength"],
  ["minItems", "maxItems"],
  ["minProperties", "maxProperties"],
];

type Found = { pointer: string; message: string; severity: Severity };

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);
const isSchema = (value: unknown) => isObject(value) || typeof value === "boolean";
const child = (pointer: string, key: string | number) => `${pointer}/${String(key).replace(/~/g, "~0").replace(/\//g, "~1")}`;

/** The shape problems of a parsed schema, each at the pointer of the offending value. */
export function checkSchemaShape(schema: unknown): Found[] {
  const found: Found[] = [];
  const error = (pointer: string, message: string) => found.push({ pointer, message, severity: "error" });
  const warn = (pointer: string, message: string) => found.push({ pointer, message, severity: "warning" });

  if (!isObject(schema)) {
    error("", t("admin.schema.rootObject"));
    return found;
  }
  if ("type" in schema && schema.type !== "object") {
    error("/type", t("admin.schema.rootType"));
  }

  const walk = (node: unknown, pointer: string) => {
    if (typeof node === "boolean") return;
    if (!isObject(node)) {
      error(pointer, t("admin.schema.notSchema"));
      return;
    }
    if ("type" in node) {
      const type = node.type;
      const names = Array.isArray(type) ? type : [type];
      if (Array.isArray(type) && type.length === 0) error(child(pointer, "type"), t("admin.schema.typeEmpty"));
      names.forEach((name, index) => {
        if (typeof name !== "string" || !TYPES.includes(name)) {
          error(Array.isArray(type) ? child(child(pointer, "type"), index) : child(pointer, "type"), t("admin.schema.typeUnknown", { type: JSON.stringify(name), types: TYPES.join(", ") }));
        }
      });
    }
    for (const key of SCHEMA_MAPS) {
      if (!(key in node)) continue;
      const map = node[key];
      if (!isObject(map)) {
        error(child(pointer, key), t("admin.schema.mapOfSchemas", { key }));
        continue;
      }
      for (const [name, sub] of Object.entries(map)) {
        if (key === "patternProperties") checkPattern(name, child(child(pointer, key), name));
        walk(sub, child(child(pointer, key), name));
      }
    }
    for (const key of SCHEMA_SINGLES) {
      if (!(key in node)) continue;
      if (key === "items" && Array.isArray(node.items)) {
        warn(child(pointer, key), t("admin.schema.itemsList"));
        node.items.forEach((sub, index) => walk(sub, child(child(pointer, key), index)));
      } else if (!isSchema(node[key])) {
        error(child(pointer, key), t("admin.schema.mustBeSchema", { key }));
      } else {
        walk(node[key], child(pointer, key));
      }
    }
    for (const key of SCHEMA_LISTS) {
      if (!(key in node)) continue;
      const list = node[key];
      if (!Array.isArray(list) || list.length === 0) {
        error(child(pointer, key), t("admin.schema.listOfSchemas", { key }));
        continue;
      }
      list.forEach((sub, index) => walk(sub, child(child(pointer, key), index)));
    }
    if ("required" in node) {
      const required = node.required;
      if (!Array.isArray(required) || required.some((name) => typeof name !== "string")) {
        error(child(pointer, "required"), t("admin.schema.requiredList"));
      } else {
        const seen = new Set<string>();
        required.forEach((name: string, index) => {
          if (seen.has(name)) error(child(child(pointer, "required"), index), t("admin.schema.requiredTwice", { name }));
          seen.add(name);
          if (isObject(node.properties) && !(name in node.properties) && node.additionalProperties === false) {
            error(child(child(pointer, "required"), index), t("admin.schema.requiredUnknown", { name }));
          } else if (isObject(node.properties) && !(name in node.properties)) {
            warn(child(child(pointer, "required"), index), t("admin.schema.requiredUnknown", { name }));
          }
        });
      }
    }
    if ("enum" in node && (!Array.isArray(node.enum) || node.enum.length === 0)) {
      error(child(pointer, "enum"), t("admin.schema.enum"));
    }
    for (const key of NON_NEGATIVE_INTEGERS) {
      if (key in node && !(Number.isInteger(node[key]) && (node[key] as number) >= 0)) {
        error(child(pointer, key), t("admin.schema.nonNegative", { key }));
      }
    }
    for (const key of NUMBERS) {
      if (key in node && typeof node[key] !== "number") error(child(pointer, key), t("admin.schema.number", { key }));
    }
    if ("multipleOf" in node && !(typeof node.multipleOf === "number" && node.multipleOf > 0)) {
      error(child(pointer, "multipleOf"), t("admin.schema.multipleOf"));
    }
    for (const key of STRINGS) {
      if (key in node && typeof node[key] !== "string") error(child(pointer, key), t("admin.schema.string", { key }));
    }
    if ("pattern" in node) {
      if (typeof node.pattern !== "string") error(child(pointer, "pattern"), t("admin.schema.string", { key: "pattern" }));
      else checkPattern(node.pattern, child(pointer, "pattern"));
    }
    for (const [min, max] of RANGES) {
      if (typeof node[min] === "number" && typeof node[max] === "number" && (node[min] as number) > (node[max] as number)) {
        error(child(pointer, min), t("admin.schema.range", { min, max }));
      }
    }
  };

  // A regular expression is compiled, not evaluated: allowed under the CSP.
  function checkPattern(pattern: string, pointer: string) {
    try {
      new RegExp(pattern, "u");
    } catch {
      error(pointer, t("admin.schema.pattern", { pattern }));
    }
  }

  walk(schema, "");
  return found;
}

/** Parses and checks the editor's text; every problem carries its range in the text. */
export function checkSchemaText(text: string): SchemaCheck {
  let parsed: { value: unknown; spans: Map<string, Span> };
  try {
    parsed = parseJsonWithPositions(text);
  } catch (cause) {
    if (cause instanceof JsonSyntaxError) {
      const at = Math.min(cause.position, text.length);
      return {
        problems: [{ pointer: "", message: cause.message, severity: "error", from: at, to: Math.min(at + 1, text.length) }],
      };
    }
    throw cause;
  }
  const problems = checkSchemaShape(parsed.value).map((problem) => {
    // The pointer's own value, else its nearest parent that has a position.
    let pointer = problem.pointer;
    let span = parsed.spans.get(pointer);
    while (!span && pointer !== "") {
      pointer = pointer.slice(0, pointer.lastIndexOf("/"));
      span = parsed.spans.get(pointer);
    }
    const range = span ?? { from: 0, to: text.length };
    return { ...problem, from: range.from, to: range.to };
  });
  return { value: parsed.value, problems };
}

/** The line (1-based) of a text position, for the problem list under the editor. */
export function lineOf(text: string, position: number): number {
  let line = 1;
  for (let index = 0; index < position && index < text.length; index++) if (text[index] === "\n") line++;
  return line;
}
