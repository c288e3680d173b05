import { type Params, type Route, route } from "../http/router.js";
import { notFound, requireObject } from "./input.js";

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

/** `GET <collection>/:id`: the record `find` returns, shown by `view`, or the API's 404. */
export function retrieveRoute<T>(
  collection: string,
  what: string,
  find: (id: string) => T | undefined,
  view: (record: T) => unknown = (record) => record,
): ApiRoute {
  return route("GET", `${collection}/:id`, ({ params }) => {
    const id = params.id as string;
    const record = find(id);
    if (record === undefined) throw notFound(what, id);
    return view(record);
  });
}

/** `POST <collection>`: `create` gets the body once it is known to be a JSON object. */
export function createRoute(
  collection: string,
  create: (body: Record<string, unknown>) => unknown,
): ApiRoute {
  return route("POST", collection, ({ body }) => create(requireObject(body)));
}
