import * as core from "@dodopayments/core/internal";

// The names every adapter re-exports from core (core's README, "What adapters re-export").
export * from "@dodopayments/core/adapter-exports";

/**
 * What TanStack Start passes to a server route handler (`server.handlers.GET` etc.), reduced to
 * the fields this package reads. Start also passes `params`, `pathname` and `next`; they are
 * accepted and ignored. Structural on purpose: nothing here imports TanStack Start.
 *
 * `context` is the request context your global and route middleware built (`next({ context })`).
 * It is handed to your hooks (`getCustomerId`, `beforeCheckout`, webhook handlers, `env`) as it is.
 */
export type TanStackHandlerArgs<TContext = unknown> = core.RouteArgs<TContext>;

/**
 * A server route handler usable both ways:
 *
 * - directly, `handlers: { GET: Checkout(cfg) }` (it takes Start's handler args and passes their
 *   `context` to your hooks);
 * - as documented, `GET: async ({ request }) => Checkout(cfg)(request)` (a bare `Request`).
 */
export type TanStackRouteHandler<TContext = unknown> = core.RouteArgsHandler<TContext>;

/**
 * Checkout: GET static links (`type: "static"`), POST payment links (`"dynamic"`) or checkout
 * sessions (`"session"`). `handlers: { GET: Checkout({ type: "static" }) }`.
 */
export function Checkout<TContext = unknown>(
  config: core.CheckoutHandlerConfig<TContext>,
): TanStackRouteHandler<TContext> {
  return core.withRouteArgs(core.checkoutHandler(config));
}

/** Customer portal: GET, 302 to the portal (or `{ portal_url }` for `Accept: application/json`). */
export function CustomerPortal<TContext = unknown>(
  config: core.CustomerPortalHandlerConfig<TContext>,
): TanStackRouteHandler<TContext> {
  return core.withRouteArgs(core.customerPortalHandler(config));
}

/**
 * Webhooks: POST, verifies the signature over the exact body and calls your `on<Event>`
 * handlers. Mount it as `ANY` (`handlers: { ANY: Webhooks(cfg) }`) so other methods get its 405
 * with `Allow: POST` instead of Start's 404 page.
 */
export function Webhooks<TContext = unknown>(
  config: core.WebhookHandlerConfig<TContext>,
): TanStackRouteHandler<TContext> {
  return core.withRouteArgs(core.webhookHandler(config));
}

/** The methods a server route can declare, besides `ANY`. */
export type TanStackRouteMethod = "GET" | "HEAD" | "POST" | "PUT" | "PATCH" | "DELETE" | "OPTIONS";

const METHOD_ORDER: readonly TanStackRouteMethod[] = [
  "GET",
  "HEAD",
  "POST",
  "PUT",
  "PATCH",
  "DELETE",
  "OPTIONS",
];

/**
 * Adds an `ANY` handler to a route's `handlers` that answers every method you did not list with
 * 405 and an `Allow` header naming the ones you did (HEAD included when GET is there: Start
 * serves HEAD from GET). Without it, TanStack Start answers an unlisted method with its 404 page.
 *
 * ```ts
 * server: { handlers: withMethodNotAllowed({ GET: Checkout(a), POST: Checkout(b) }) }
 * ```
 *
 * A route with a single package handler can use `ANY` directly instead: `{ ANY: Webhooks(cfg) }`
 * answers 405 itself for anything but POST.
 */
export function withMethodNotAllowed<
  THandlers extends Partial<Record<TanStackRouteMethod, unknown>>,
>(
  handlers: THandlers,
): THandlers & { ANY: (input: Request | TanStackHandlerArgs) => Promise<Response> } {
  const listed = new Set(Object.keys(handlers));
  if (listed.has("GET")) listed.add("HEAD");
  const allow = METHOD_ORDER.filter((method) => listed.has(method));
  const methodNotAllowed = async (): Promise<Response> =>
    core.problemResponse(
      new core.DodoHttpError(405, "Method not allowed", { headers: { allow: allow.join(", ") } }),
    );
  return { ...handlers, ANY: methodNotAllowed };
}
