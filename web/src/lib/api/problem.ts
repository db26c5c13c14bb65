/** One entry of a problem's `errors`: a JSON Pointer into the request body and a message. */
export type FieldProblem = { pointer: string; message: string };

/** An RFC 9457 problem+json body (the server's error format). */
export type Problem = {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  errors?: FieldProblem[];
};

/** A failed API call: the status, the problem body if there was one, and Retry-After for 429. */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;
  readonly retryAfterSeconds: number | undefined;

  constructor(status: number, problem: Problem, retryAfterSeconds?: number) {
    super(problem.detail ?? problem.title ?? `HTTP ${status}`);
    this.name = "ApiError";
    this.status = status;
    this.problem = problem;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /** Field errors keyed by the pointer's first segment ("/email" → "email"); the first message wins. */
  fieldErrors(): Record<string, string> {
    const fields: Record<string, string> = {};
    for (const error of this.problem.errors ?? []) {
      const field = fieldOfPointer(error.pointer);
      if (field && !(field in fields)) {
        fields[field] = error.message;
      }
    }
    return fields;
  }
}

/** The network failed: no answer from the server at all. */
export class NetworkError extends Error {
  constructor(cause: unknown) {
    super("network error", { cause });
    this.name = "NetworkError";
  }
}

/** "/email" → "email", "/structuredData/amount" → "structuredData.amount", "" → undefined. */
export function fieldOfPointer(pointer: string | undefined): string | undefined {
  if (!pointer || !pointer.startsWith("/")) {
    return undefined;
  }
  return pointer
    .slice(1)
    .split("/")
    .map((segment) => segment.replace(/~1/g, "/").replace(/~0/g, "~"))
    .join(".");
}

function isProblem(value: unknown): value is Problem {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Reads an error response into an ApiError; the body may be problem+json, other JSON, or nothing. */
export async function apiErrorOf(response: Response, body?: unknown): Promise<ApiError> {
  let problem: Problem = {};
  let parsed = body;
  if (parsed === undefined) {
    try {
      const text = await response.clone().text();
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
  }
  if (isProblem(parsed)) {
    problem = {
      ...(typeof parsed.type === "string" && { type: parsed.type }),
      ...(typeof parsed.title === "string" && { title: parsed.title }),
      ...(typeof parsed.detail === "string" && { detail: parsed.detail }),
      status: typeof parsed.status === "number" ? parsed.status : response.status,
      ...(Array.isArray(parsed.errors) && {
        errors: parsed.errors.filter(
          (e): e is FieldProblem =>
            isProblem(e) && typeof (e as FieldProblem).pointer === "string" && typeof (e as FieldProblem).message === "string",
        ),
      }),
    };
  }
  const retryAfter = Number(response.headers.get("Retry-After"));
  return new ApiError(response.status, problem, Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined);
}
