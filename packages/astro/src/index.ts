import * as core from "@dodopayments/core/internal";
import type { APIContext, APIRoute } from "astro";

// The names every adapter re-exports from core (core's README, "What adapters re-export").
export * from "@dodopayments/core/adapter-exports";

/** `(request, context?) => Promise<Response>`, as every core handler is. */
type CoreHandler = (request: Request, context?: APIContext) => Promise<Response>;

/** Astro API route from a core handler: the request goes through untouched, with the APIContext. */
const route =
  (handler: CoreHandler): APIRoute =>
  (context) =>
    handler(context.request, context);

/**
 * Checkout: GET static links (`type: "static"`), POST payment links (`"dynamic"`) or checkout
 * sessions (`"session"`). `export const GET = Checkout({ ... })` in `src/pages/api/checkout.ts`.
 */
export function Checkout(config: core.CheckoutHandlerConfig<APIContext>): APIRoute {
  return route(core.checkoutHandler(config));
}

/** Customer portal: GET, 302 to the portal (or `{ portal_url }` for `Accept: application/json`). */
export function CustomerPortal(config: core.CustomerPortalHandlerConfig<APIContext>): APIRoute {
  return route(core.customerPortalHandler(config));
}

/** Webhooks: POST, verifies the signature over the exact body and calls your `on<Event>` handlers. */
export function Webhooks(config: core.WebhookHandlerConfig<APIContext>): APIRoute {
  return route(core.webhookHandler(config));
}
