// Apart from problem.ts, which the entry chunk loads (through the session) before the app: the
// messages bring in the whole catalogue.
import { t, type MessageKey } from "@/lib/i18n";
import { ApiError, NetworkError } from "./problem";

/**
 * A human message for any error thrown by an API call. `overrides` gives the message of a status
 * in context (a 401 on the sign-in form means wrong credentials, on a token link an expired link).
 */
export function errorMessage(error: unknown, overrides: Partial<Record<number, MessageKey>> = {}): string {
  if (error instanceof NetworkError) {
    return t("error.network");
  }
  if (!(error instanceof ApiError)) {
    return t("error.unexpected");
  }
  const override = overrides[error.status];
  if (override) {
    return t(override);
  }
  if (error.status === 429) {
    return error.retryAfterSeconds
      ? t("error.429", { seconds: error.retryAfterSeconds })
      : t("error.429.noDelay");
  }
  if (error.status >= 500) {
    return t("error.unexpected");
  }
  // The server's detail is written for people (it never carries a stack); prefer it.
  if (error.problem.detail) {
    return error.problem.detail;
  }
  switch (error.status) {
    case 400:
      return t("error.400");
    case 401:
      return t("error.401.session");
    case 403:
      return t("error.403");
    case 404:
      return t("error.404");
    case 409:
      return t("error.409");
    case 412:
      return t("error.412");
    case 413:
      return t("error.413");
    case 422:
      return t("error.422");
    default:
      return error.problem.title ?? t("error.unexpected");
  }
}
