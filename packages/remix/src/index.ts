import * as core from "@dodopayments/core";

export * from "@dodopayments/core/adapter";

/**
 * What Remix v2 and React Router 7/8 (framework mode) pass to a `loader` or `action`, reduced to
 * the fields this package reads. Structural on purpose: nothing here imports Remix or React Router.
 * `context` is the route context as the framework made it: Remix's `AppLoadContext`, React Router
 * 7's `AppLoadContext`, or with middleware (the default in React Router 8) a
 * `RouterContextProvider`. It is handed to your hooks as it is.
 */
export interface RemixRouteArgs<TContext = unknown> {
  request: Request;
  context?: TContext;
  params?: Readonly<Record<string, string | undefined>>;
}

/**
 * A handler usable both ways:
 *
 * - Remix v2, as documented: `export const loader = ({ request }: LoaderFunctionArgs) => handler(request)`;
 * - React Router 7/8: `export const loader = handler` (it takes the route args and passes their
 *   `context` to your hooks).
 *
 * Called with a bare `Request`, the optional second argument is the context your hooks receive.
 * Called with the route args, a second argument is ignored (React Router may pass its data
 * strategy's handler context there).
 */
export type RemixRouteHandler<TContext = unknown> = (
  input: Request | RemixRouteArgs<TContext>,
  // `unknown`, not TContext: React Router's LoaderFunction declares `(args, handlerCtx?: unknown)`,
  // and a narrower type here would stop `export const loader: LoaderFunction = Checkout(...)`.
  context?: unknown,
) => Promise<Response>;

type CoreHandler<TContext> = (request: Request, context?: TContext) => Promise<Response>;

/** True for route args, false for a `Request` (which has no `request` property). */
function isRouteArgs<TContext>(
  input: Request | RemixRouteArgs<TContext>,
): input is RemixRouteArgs<TContext> {
  const request = (input as { request?: unknown }).request;
  return typeof request === "object" && request !== null;
}

// The request goes to core untouched (its body unread), with the route context.
const route =
  <TContext>(handler: CoreHandler<TContext>): RemixRouteHandler<TContext> =>
  (input, context) =>
    isRouteArgs(input)
      ? handler(input.request, input.context)
      : handler(input, context as TContext | undefined);

/**
 * Checkout: GET static links (`type: "static"`, use it as the `loader`), POST payment links
 * (`"dynamic"`) or checkout sessions (`"session"`, use them as the `action`).
 */
export function Checkout<TContext = unknown>(
  config: core.CheckoutHandlerConfig<TContext>,
): RemixRouteHandler<TContext> {
  return route(core.checkoutHandler(config));
}

/** Customer portal: GET (a `loader`), 302 to the portal (or `{ portal_url }` for `Accept: application/json`). */
export function CustomerPortal<TContext = unknown>(
  config: core.CustomerPortalHandlerConfig<TContext>,
): RemixRouteHandler<TContext> {
  return route(core.customerPortalHandler(config));
}

/**
 * Webhooks: POST (an `action`), verifies the signature over the exact body and calls your
 * `on<Event>` handlers. Export it as the `loader` too, so a GET is answered 405 with `Allow`.
 */
export function Webhooks<TContext = unknown>(
  config: core.WebhookHandlerConfig<TContext>,
): RemixRouteHandler<TContext> {
  return route(core.webhookHandler(config));
}
