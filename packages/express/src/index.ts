// @dodopayments/express: Express 4/5 request handlers over the framework-agnostic core.
// Everything except "Express request in, Express response out" lives in @dodopayments/core.
import * as core from "@dodopayments/core/internal";
import {
  type NodeRequestParts,
  type RunNodeHandlerOptions,
  requestUrl,
  runNodeHandler,
  runNodeWebhook,
  sendPlainResponse,
  writeWebResponse,
} from "@dodopayments/core/internal";
import type {
  Request as ExpressRequest,
  Response as ExpressResponse,
  NextFunction,
  RequestHandler,
} from "express";

/** A core fetch handler, called with the Express request as its context. */
type FetchHandler = (request: Request, context?: ExpressRequest) => Promise<Response>;

function nodeParts(req: ExpressRequest): NodeRequestParts {
  return {
    method: req.method,
    url: () => requestUrl(req.protocol, req.get("host"), req.originalUrl),
    headers: req.headers,
    stream: req,
    parsed: () => ({
      body: req.body,
      // Kept by `express.json({ verify: keepRawBody })` or a raw-body middleware.
      rawBody: (req as ExpressRequest & { rawBody?: unknown }).rawBody,
    }),
  };
}

// Express 4 ignores rejected promises: hand every failure to the app's error middleware.
function forwardError(error: unknown, res: ExpressResponse, next: NextFunction): void {
  try {
    next(error);
  } catch {
    res.destroy();
  }
}

function expressHandler(handler: FetchHandler, options: RunNodeHandlerOptions): RequestHandler {
  return (req: ExpressRequest, res: ExpressResponse, next: NextFunction): void => {
    runNodeHandler(handler, nodeParts(req), req, options)
      .then((response) => writeWebResponse(res, response))
      .catch((error: unknown) => forwardError(error, res, next));
  };
}

/**
 * Checkout handler: `type: "static"` (GET, query parameters; the default), `"dynamic"` (POST
 * payment link) or `"session"` (POST checkout session). Answers `{ "checkout_url": "..." }`.
 *
 * ```ts
 * app.get("/api/checkout", Checkout({ type: "static" }));
 * app.post("/api/checkout", Checkout({ type: "session" }));
 * ```
 */
export function Checkout(config: core.CheckoutHandlerConfig<ExpressRequest>): RequestHandler {
  return expressHandler(core.checkoutHandler<ExpressRequest>(config), {
    body: "request",
    limit: config.maxBodyBytes,
  });
}

/** Alias of `Checkout`, the name used in the Dodo docs for Express. */
export const checkoutHandler = Checkout;

/**
 * Customer portal handler (GET): 302 to the customer's portal session. Pass `getCustomerId` to
 * resolve the customer from your session; the documented `?customer_id=` query is unauthenticated.
 */
export function CustomerPortal(
  config: core.CustomerPortalHandlerConfig<ExpressRequest>,
): RequestHandler {
  return expressHandler(core.customerPortalHandler<ExpressRequest>(config), { body: "none" });
}

/** Alias of `CustomerPortal`, the name used in the Dodo docs for Nuxt. */
export const customerPortalHandler = CustomerPortal;

/**
 * Webhook handler (POST): verifies the Standard Webhooks signature over the exact bytes received,
 * then calls `onPayload` and the handler for the event type. Mount it before `express.json()`,
 * or keep the raw body with `express.json({ verify: keepRawBody })`.
 */
export function Webhooks(config: core.WebhookHandlerConfig<ExpressRequest>): RequestHandler {
  const processor = core.webhookProcessor<ExpressRequest>(config);
  return (req: ExpressRequest, res: ExpressResponse, next: NextFunction): void => {
    sendPlainResponse(res, runNodeWebhook(processor, nodeParts(req), req), (error) =>
      forwardError(error, res, next),
    );
  };
}

// The names every adapter re-exports from core (core's README, "What adapters re-export").
export * from "@dodopayments/core/adapter-exports";
export { keepRawBody } from "@dodopayments/core/internal";
