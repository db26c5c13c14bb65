/**
 * A 422 from POST/PATCH /shards names the wrong values with JSON pointers into the request body
 * (`/structuredData/probability`, `/structuredData/address/city`, `/acl/0/userId`). The form puts
 * each message on the field it belongs to: the deepest form field the pointer starts with.
 */
import { ApiError } from "@/lib/api";

export type FormErrors = { fields: Record<string, string>; form: string[] };

/** Splits a JSON pointer into its unescaped segments. */
export function pointerSegments(pointer: string): string[] {
  if (!pointer.startsWith("/")) return [];
  return pointer
    .slice(1)
    .split("/")
    .map((segment) => segment.replace(/~1/g, "/").replace(/~0/g, "~"));
}

/**
 * Maps problems onto form fields. `fieldKeys` are the form's fields as dotted paths of the body
 * (`structuredData.probability`, `unstructuredData.text`, `metadata.tags`, `status`). A pointer
 * below a field (an array item `/structuredData/tags/2`) lands on that field; a pointer that
 * matches no field (`/structuredData` for a missing required field) goes above the form.
 * The first message per field wins.
 */
export function mapProblems(problems: { pointer: string; message: string }[], fieldKeys: Iterable<string>): FormErrors {
  const keys = new Set(fieldKeys);
  const fields: Record<string, string> = {};
  const form: string[] = [];
  for (const problem of problems) {
    const segments = pointerSegments(problem.pointer);
    let key: string | undefined;
    for (let length = segments.length; length > 0; length--) {
      const candidate = segments.slice(0, length).join(".");
      if (keys.has(candidate)) {
        key = candidate;
        break;
      }
    }
    if (key === undefined) {
      const where = segments.filter((segment) => segment !== "structuredData").join(".");
      form.push(where ? `${where}: ${problem.message}` : problem.message);
    } else if (!(key in fields)) {
      fields[key] = problem.message;
    }
  }
  return { fields, form };
}

/** The field errors of a failed save, or none when the error is not a 422 with pointers. */
export function formErrorsOf(error: unknown, fieldKeys: Iterable<string>): FormErrors | undefined {
  if (!(error instanceof ApiError) || !error.problem.errors?.length) return undefined;
  return mapProblems(error.problem.errors, fieldKeys);
}
