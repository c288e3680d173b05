import * as core from "@dodopayments/core/internal";

// The names every adapter re-exports from core (core's README, "What adapters re-export").
export * from "@dodopayments/core/adapter-exports";

/**
 * What Remix v2 and React Router 7/8 (framework mode) pass to a `loader` or `action`, reduced to
 * the fields this package reads. Structural on purpose: nothing here imports Remix or React Router.
 * `context` is the route context as the framework made it: Remix's `AppLoadContext`, React Router
 * 7's `AppLoadContext`, or with middleware (the default in React Router 8) a
 * `RouterContextProvider`. It is handed to your hooks as it is.
 */
export type RemixRouteArgs<TContext = unknown> = core.RouteArgs<TContext> & {
  params?: Readonly<Record<string, string | undefined>>;
};

/**
 * A handler usable both ways:
 *
 * - Remix v2, as documented: `export const loader = ({ request }: LoaderFunctionArgs) => handler(request)`;
 * - React Router 7/8: `export const loader = handler` (it takes the route args and passes their
 *   `context` to your hooks).
 *
 * Called with a bare `Request`, the optional second argument is the context your hooks receive.
 * Called with the route args, a second argument is ignored (React Router may pass its data
 * strategy's handler context there, which is why it is typed `unknown`).
 */
export type RemixRouteHandler<TContext = unknown> = core.RouteArgsHandler<TContext>;

/**
 * Checkout: GET static links (`type: "static"`, use it as the `loader`), POST payment links
 * (`"dynamic"`) or checkout sessions (`"session"`, use them as the `action`).
 */
export function Checkout<TContext = unknown>(
  config: core.CheckoutHandlerConfig<TContext>,
): RemixRouteHandler<TContext> {
  return core.withRouteArgs(core.checkoutHandler(config));
}

/** Customer portal: GET (a `loader`), 302 to the portal (or `{ portal_url }` for `Accept: application/json`). */
export function CustomerPortal<TContext = unknown>(
  config: core.CustomerPortalHandlerConfig<TContext>,
): RemixRouteHandler<TContext> {
  return core.withRouteArgs(core.customerPortalHandler(config));
}

/**
 * Webhooks: POST (an `action`), verifies the signature over the exact body and calls your
 * `on<Event>` handlers. Export it as the `loader` too, so a GET is answered 405 with `Allow`.
 */
export function Webhooks<TContext = unknown>(
  config: core.WebhookHandlerConfig<TContext>,
): RemixRouteHandler<TContext> {
  return core.withRouteArgs(core.webhookHandler(config));
}
