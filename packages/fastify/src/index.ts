// @dodopayments/fastify: Fastify 5 route handlers and an encapsulated plugin over the
// framework-agnostic core. Everything except "Fastify request in, reply out" lives in core.
import * as core from "@dodopayments/core/internal";
import {
  type NodeRequestParts,
  type RunNodeHandlerOptions,
  requestUrl,
  runNodeHandler,
  runNodeWebhook,
} from "@dodopayments/core/internal";
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from "fastify";

/** A Fastify route handler: `fastify.post(path, handler)`. */
export type DodoRouteHandler = (
  request: FastifyRequest,
  reply: FastifyReply,
) => Promise<FastifyReply>;

/** A core fetch handler, called with the Fastify request as its context. */
type FetchHandler = (request: Request, context?: FastifyRequest) => Promise<Response>;

function nodeParts(request: FastifyRequest): NodeRequestParts {
  return {
    method: request.method,
    url: () => requestUrl(request.protocol, request.host, request.url),
    headers: request.headers,
    stream: request.raw,
    parsed: () => ({
      // A Buffer/string from a raw parser (exact bytes), or an object from the default JSON parser.
      body: request.body,
      // Kept by a raw-body plugin such as fastify-raw-body.
      rawBody: (request as FastifyRequest & { rawBody?: unknown }).rawBody,
    }),
  };
}

function fastifyHandler(handler: FetchHandler, options: RunNodeHandlerOptions): DodoRouteHandler {
  return async (request, reply) => {
    const response = await runNodeHandler(handler, nodeParts(request), request, options);
    reply.code(response.status);
    response.headers.forEach((value, name) => {
      reply.header(name, value);
    });
    return reply.send(response.body ? Buffer.from(await response.arrayBuffer()) : undefined);
  };
}

export interface CheckoutHandlers {
  /** For `fastify.get(...)`: static checkout (`type: "static"`). */
  getHandler: DodoRouteHandler;
  /** For `fastify.post(...)`: dynamic payment links (`type: "dynamic"`) and checkout sessions (`type: "session"`). */
  postHandler: DodoRouteHandler;
}

/**
 * Checkout handlers: `type: "static"` (GET, query parameters; the default), `"dynamic"` (POST
 * payment link) or `"session"` (POST checkout session). Each answers `{ "checkout_url": "..." }`.
 *
 * ```ts
 * fastify.get("/api/checkout", Checkout({ type: "static" }).getHandler);
 * fastify.post("/api/checkout-session", Checkout({ type: "session" }).postHandler);
 * ```
 */
export function Checkout(config: core.CheckoutHandlerConfig<FastifyRequest>): CheckoutHandlers {
  const handler = fastifyHandler(core.checkoutHandler<FastifyRequest>(config), {
    body: "request",
    limit: config.maxBodyBytes,
  });
  // One handler answers both: core picks the flow from `type` and refuses other methods (405).
  return { getHandler: handler, postHandler: handler };
}

/**
 * Customer portal route handler (GET): 302 to the customer's portal session. Pass `getCustomerId`
 * to resolve the customer from your session; the documented `?customer_id=` query is unauthenticated.
 */
export function CustomerPortal(
  config: core.CustomerPortalHandlerConfig<FastifyRequest>,
): DodoRouteHandler {
  return fastifyHandler(core.customerPortalHandler<FastifyRequest>(config), { body: "none" });
}

/**
 * Webhook route handler (POST): verifies the Standard Webhooks signature over the bytes received,
 * then calls `onPayload` and the handler for the event type. For exact-bytes verification, register
 * `dodopaymentsPlugin` (its own raw JSON parser) or give the route a raw (`parseAs: "buffer"` or
 * `"string"`) JSON parser; with Fastify's default parser only Dodo's compact JSON verifies.
 */
export function Webhooks(config: core.WebhookHandlerConfig<FastifyRequest>): DodoRouteHandler {
  const processor = core.webhookProcessor<FastifyRequest>(config);
  return async (request, reply) => {
    const result = await runNodeWebhook(processor, nodeParts(request), request);
    // An empty body is sent as none, so Fastify adds no text/plain content type to it.
    return reply
      .code(result.status)
      .headers(result.headers)
      .send(result.body === "" ? undefined : result.body);
  };
}

interface RoutePath {
  /** Route path under the register `prefix`. */
  path?: string;
}

/** A checkout route of the plugin: GET for `type: "static"`, POST for `"dynamic"` and `"session"`. */
export type PluginCheckoutOptions = core.CheckoutHandlerConfig<FastifyRequest> & RoutePath;
/** A customer portal route of the plugin (GET). */
export type PluginCustomerPortalOptions = core.CustomerPortalHandlerConfig<FastifyRequest> &
  RoutePath;
/** The webhook route of the plugin (POST). */
export type PluginWebhookOptions = core.WebhookHandlerConfig<FastifyRequest> & RoutePath;

export interface DodoPaymentsPluginOptions {
  /** One checkout route or several (e.g. static and session). Default paths: `/checkout`, `/checkout-session` for `type: "session"`. */
  checkout?: PluginCheckoutOptions | PluginCheckoutOptions[];
  /** One portal route or several. Default path `/customer-portal`. */
  customerPortal?: PluginCustomerPortalOptions | PluginCustomerPortalOptions[];
  /** The webhook route. Default path `/webhooks`. */
  webhooks?: PluginWebhookOptions;
}

const CHECKOUT_ROUTES: Record<core.CheckoutType, { method: "GET" | "POST"; path: string }> = {
  static: { method: "GET", path: "/checkout" },
  dynamic: { method: "POST", path: "/checkout" },
  session: { method: "POST", path: "/checkout-session" },
};

const asList = <T>(value: T | T[] | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

/**
 * Registers the Dodo Payments routes in their own encapsulated scope, with a JSON parser that keeps
 * the raw bytes (so webhooks verify exactly what Dodo signed). The rest of the app keeps its own
 * JSON parser.
 *
 * ```ts
 * await fastify.register(dodopaymentsPlugin, {
 *   prefix: "/api",
 *   checkout: { type: "session" },
 *   customerPortal: { getCustomerId: (request) => request.user?.dodoCustomerId },
 *   webhooks: { onPaymentSucceeded: async (payload) => {} },
 * });
 * ```
 */
export const dodopaymentsPlugin: FastifyPluginAsync<DodoPaymentsPluginOptions> = async (
  fastify,
  options,
) => {
  // Only inside this plugin's scope (it is not wrapped with fastify-plugin).
  fastify.removeContentTypeParser("application/json");
  fastify.addContentTypeParser(
    "application/json",
    { parseAs: "buffer" },
    (_request, body, done) => {
      done(null, body);
    },
  );
  for (const { path, ...config } of asList(options.checkout)) {
    const { getHandler } = Checkout(config); // throws first on an unknown `type`
    const route = CHECKOUT_ROUTES[config.type ?? "static"];
    fastify.route({ method: route.method, url: path ?? route.path, handler: getHandler });
  }
  for (const { path, ...config } of asList(options.customerPortal)) {
    fastify.get(path ?? "/customer-portal", CustomerPortal(config));
  }
  if (options.webhooks) {
    const { path, ...config } = options.webhooks;
    // Every method, so that others get core's 405 with `Allow: POST` instead of a 404.
    fastify.all(path ?? "/webhooks", Webhooks(config));
  }
};

export default dodopaymentsPlugin;

// The names every adapter re-exports from core (core's README, "What adapters re-export").
export * from "@dodopayments/core/adapter-exports";
