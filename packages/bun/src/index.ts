import * as core from "@dodopayments/core/internal";

// The names every adapter re-exports from core (core's README, "What adapters re-export").
export * from "@dodopayments/core/adapter-exports";

/**
 * A route handler for `Bun.serve({ routes })`: Bun calls it with the request (a `BunRequest`,
 * which is a `Request` plus `params` and `cookies`) and the `Server`. The request goes to core as
 * it is; the server is the context your hooks receive (`getCustomerId(request, server)`,
 * `beforeCheckout(payload, { request, context: server })`, webhook handlers' `{ context }`).
 *
 * Typed without Bun's own types, so the package compiles anywhere; it fits Bun's handler type
 * `(req: BunRequest<Path>, server: Server<T>) => Response | Promise<Response>` as it is, and can
 * be called directly with a plain `Request` (in tests, or from a `fetch` handler).
 */
export type BunRouteHandler<TServer = unknown> = (
  request: Request,
  server?: TServer,
) => Promise<Response>;

/**
 * Checkout, by `type`: `"static"` (the default) answers GET with a static payment link built
 * from the query; `"dynamic"` answers POST with a payment link for a `POST /payments` or
 * `POST /subscriptions` body; `"session"` answers POST with a checkout session for a
 * `POST /checkouts` body. A method that does not fit `type` is a 405 with `Allow`.
 *
 * ```ts
 * Bun.serve({
 *   routes: {
 *     "/api/checkout": { GET: Checkout({ type: "static" }), POST: Checkout({ type: "session" }) },
 *   },
 * });
 * ```
 */
export function Checkout<TServer = unknown>(
  config: core.CheckoutHandlerConfig<TServer>,
): BunRouteHandler<TServer> {
  return core.checkoutHandler(config);
}

/** Customer portal: GET, 302 to the portal (or `{ portal_url }` for `Accept: application/json`). */
export function CustomerPortal<TServer = unknown>(
  config: core.CustomerPortalHandlerConfig<TServer>,
): BunRouteHandler<TServer> {
  return core.customerPortalHandler(config);
}

/**
 * Webhooks: POST, verifies the Standard Webhooks signature over the exact body and calls your
 * `on<Event>` handlers. Mount it as the whole route (`"/api/webhook": Webhooks({ ... })`) so
 * other methods reach it and get its 405 with `Allow: POST`; a `{ POST: ... }` object makes Bun
 * answer them 404.
 */
export function Webhooks<TServer = unknown>(
  config: core.WebhookHandlerConfig<TServer>,
): BunRouteHandler<TServer> {
  return core.webhookHandler(config);
}
