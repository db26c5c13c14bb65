import { describe, expect, it } from "vitest";
import { errorMessage } from "./error-message";
import { ApiError, apiErrorOf, fieldOfPointer, NetworkError } from "./problem";
import { formErrorsOf } from "@/features/auth/api/use-form-errors";
import { json } from "@/test/fake-server";

describe("problem+json", () => {
  it("maps errors[].pointer onto the form's fields and keeps the rest above the form", async () => {
    const error = await apiErrorOf(
      json(422, {
        type: "about:blank",
        title: "Unprocessable Entity",
        status: 422,
        detail: "The request has invalid fields.",
        errors: [
          { pointer: "/email", message: "Enter a valid email." },
          { pointer: "/password", message: "This password is too common." },
          { pointer: "/password", message: "second message for the same field" },
          { pointer: "/tenantName", message: "Name taken." },
        ],
      }),
    );

    const errors = formErrorsOf(error, ["email", "password"] as const);

    expect(errors.fields).toEqual({ email: "Enter a valid email.", password: "This password is too common." });
    expect(errors.form).toBe("Name taken.");
  });

  it("says to check the fields when every error has a field", async () => {
    const error = await apiErrorOf(json(422, { status: 422, errors: [{ pointer: "/email", message: "Bad." }] }));
    expect(formErrorsOf(error, ["email"] as const).form).toBe("Check the highlighted fields.");
  });

  it("turns statuses into human messages, never a raw body", async () => {
    expect(errorMessage(await apiErrorOf(json(401, { title: "Unauthorized", status: 401 })), { 401: "error.401" })).toBe(
      "Your email or password is incorrect.",
    );
    expect(errorMessage(await apiErrorOf(json(429, { status: 429 }, { "Retry-After": "30" })))).toBe(
      "Too many attempts. Try again in 30 seconds.",
    );
    expect(errorMessage(await apiErrorOf(json(500, { detail: "java.lang.NullPointerException at ..." })))).toBe(
      "Something went wrong on our side. Try again in a moment.",
    );
    expect(errorMessage(await apiErrorOf(new Response("<html>bad gateway</html>", { status: 502 })))).toBe(
      "Something went wrong on our side. Try again in a moment.",
    );
    expect(errorMessage(await apiErrorOf(json(409, { status: 409, detail: "This email is already registered." })))).toBe(
      "This email is already registered.",
    );
    expect(errorMessage(await apiErrorOf(new Response(null, { status: 403 })))).toBe("You are not allowed to do this.");
    expect(errorMessage(new NetworkError(new TypeError("fetch failed")))).toMatch(/could not be reached/);
  });

  it("decodes JSON pointers", () => {
    expect(fieldOfPointer("/structuredData/amount")).toBe("structuredData.amount");
    expect(fieldOfPointer("/a~1b")).toBe("a/b");
    expect(fieldOfPointer("")).toBeUndefined();
    expect(new ApiError(400, {}).fieldErrors()).toEqual({});
  });
});
