/**
 * JSON Merge Patch (RFC 7396), the body of PATCH /shards/{id}. The edit form sends only what the
 * user changed, so that after a 412 the same patch can be laid onto the fresh version: the user's
 * edits win on the fields they touched, someone else's changes stay on the others.
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function equal(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, index) => equal(item, b[index]));
  if (isObject(a) && isObject(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].every((key) => equal(a[key], b[key]));
  }
  return false;
}

/**
 * The merge patch that turns `before` into `after`: changed keys with their new value, removed
 * keys as null, nested objects as nested patches; arrays are replaced whole (RFC 7396 has no
 * array patch). Undefined when nothing changed.
 */
export function diffMergePatch(before: unknown, after: unknown): Record<string, unknown> | undefined {
  if (!isObject(before) || !isObject(after)) return undefined;
  const patch: Record<string, unknown> = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const a = before[key];
    const b = after[key];
    if (b === undefined) {
      if (a !== undefined && a !== null) patch[key] = null;
    } else if (isObject(a) && isObject(b)) {
      const nested = diffMergePatch(a, b);
      if (nested) patch[key] = nested;
    } else if (!equal(a, b)) {
      patch[key] = b;
    }
  }
  return Object.keys(patch).length > 0 ? patch : undefined;
}

/** Applies a merge patch to `target` (RFC 7396 §2), returning a new value. */
export function applyMergePatch(target: unknown, patch: unknown): unknown {
  if (!isObject(patch)) return patch;
  const result: Record<string, unknown> = isObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else result[key] = applyMergePatch(result[key], value);
  }
  return result;
}

/**
 * After a 412: the user's edits (the patch from the version they started from to their form)
 * laid onto the version now on the server. Returns the new form values and the patch to send
 * next, which is the same edits measured against the fresh version.
 */
export function reapply<T extends Record<string, unknown>>(started: T, edited: T, fresh: T): { values: T; patch: Record<string, unknown> | undefined } {
  const mine = diffMergePatch(started, edited);
  const values = (mine ? applyMergePatch(fresh, mine) : fresh) as T;
  return { values, patch: diffMergePatch(fresh, values) };
}
