import type { Params, Route } from "../http/router.js";

/** What an API route gets: path params, the parsed JSON body and the query. */
export interface ApiCall {
  params: Params;
  body: unknown;
  query: URLSearchParams;
}

/**
 * An API route: returns the JSON answered with 200, or throws an `ApiError` (see `./input.ts`)
 * for the API's error answer. Synchronous, so one request changes the store in one step.
 */
export type ApiHandler = (call: ApiCall) => unknown;

export type ApiRoute = Route<ApiHandler>;
