import { apiErrorOf } from "./problem";

type FetchResult<T> = { data?: T; error?: unknown; response: Response };

/** The data of a successful openapi-fetch call; an ApiError (with the problem body) otherwise. */
export async function call<T>(request: Promise<FetchResult<T>>): Promise<T> {
  const { data, error, response } = await request;
  if (!response.ok) {
    throw await apiErrorOf(response, error);
  }
  return data as T;
}
