// File-routing frameworks (React Router and Remix loaders/actions, TanStack Start server routes)
// call a route handler with an args object; the documented snippets call it with the `Request`.

/** What such a framework passes: the request and the route's context (and more, ignored here). */
export interface RouteArgs<TContext = unknown> {
  request: Request;
  context?: TContext;
}

/**
 * A handler usable both ways: `handler(request, context?)`, or `handler({ request, context })`
 * with the route's `context` going to the hooks. The second argument is `unknown` so the handler
 * also fits framework types that pass something else there (React Router's handler context).
 */
export type RouteArgsHandler<TContext = unknown> = (
  input: Request | RouteArgs<TContext>,
  context?: unknown,
) => Promise<Response>;

/** True for route args, false for a `Request` (which has no `request` property). */
function isRouteArgs<TContext>(input: Request | RouteArgs<TContext>): input is RouteArgs<TContext> {
  const request = (input as { request?: unknown }).request;
  return typeof request === "object" && request !== null;
}

/** Wraps a core fetch handler so that it also takes route args. The request goes through untouched. */
export function withRouteArgs<TContext>(
  handler: (request: Request, context?: TContext) => Promise<Response>,
): RouteArgsHandler<TContext> {
  return (input, context) =>
    isRouteArgs(input)
      ? handler(input.request, input.context)
      : handler(input, context as TContext | undefined);
}
