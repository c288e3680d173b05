import * as core from "@dodopayments/core/internal";

// The names every adapter re-exports from core (core's README, "What adapters re-export").
export * from "@dodopayments/core/adapter-exports";

/** The second argument Next.js (15+) passes to App Router route handlers. */
export interface NextRouteContext {
  params: Promise<Record<string, string | string[] | undefined>>;
}

/**
 * An App Router route handler (`export const GET = ...` in `app/**\/route.ts`). Next passes a
 * `NextRequest` (a `Request`, handed to your hooks unchanged) and a `NextRouteContext`.
 *
 * The second parameter is typed `unknown` on purpose: Next 15's build-time route check requires
 * the declared type to fit every route's own params (`{ params: Promise<{ slug: string }> }`,
 * ...), which only `unknown`/`any` does. Hooks still receive it typed as `NextRouteContext`.
 */
export type NextRouteHandler = (request: Request, context?: unknown) => Promise<Response>;

type CoreHandler = (request: Request, context?: NextRouteContext) => Promise<Response>;

// Next calls route handlers with `(request, { params })`: the context is a NextRouteContext.
const route =
  (handler: CoreHandler): NextRouteHandler =>
  (request, context) =>
    handler(request, context as NextRouteContext | undefined);

/** Checkout: GET static links (`type: "static"`), POST payment links (`"dynamic"`) or checkout sessions (`"session"`). */
export function Checkout(config: core.CheckoutHandlerConfig<NextRouteContext>): NextRouteHandler {
  return route(core.checkoutHandler(config));
}

/** Customer portal: GET, 302 to the portal (or `{ portal_url }` for `Accept: application/json`). */
export function CustomerPortal(
  config: core.CustomerPortalHandlerConfig<NextRouteContext>,
): NextRouteHandler {
  return route(core.customerPortalHandler(config));
}

/** Webhooks: POST, verifies the signature over the exact body and calls your `on<Event>` handlers. */
export function Webhooks(config: core.WebhookHandlerConfig<NextRouteContext>): NextRouteHandler {
  return route(core.webhookHandler(config));
}
