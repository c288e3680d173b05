// `@dodopayments/core/internal`: what the @dodopayments adapters share, and only they import. No
// semver promise: it changes with the adapters, which pin core's exact version line. Nothing here
// loads the Dodo SDK or zod at import: the handlers load them on the first checkout or portal
// request, so importing an adapter costs no more than the webhook entry (serverless cold starts).
export {
  type BeforeCheckoutContext,
  type CheckoutHandlerConfig,
  type CheckoutPayloads,
  type CheckoutType,
  checkoutHandler,
  DEFAULT_CHECKOUT_BODY_LIMIT,
} from "./checkout/handler";
export type { CheckoutSessionBody, DynamicCheckoutBody } from "./checkout/schemas";
export type { StaticCheckoutRequest } from "./checkout/static";
export type { ClientConfig, DodoEnvironment } from "./client";
export { ENV, isEnvRecord, readEnv, withDefaultEnv } from "./env";
export { consoleLogger, type PlainResponse, problemResponse, toResponse } from "./http";
export { isThenable, type MaybePromise } from "./maybe";
export { type MemoizeFactoryOptions, memoizeFactory } from "./memo";
export * from "./node";
export { type CustomerPortalHandlerConfig, customerPortalHandler } from "./portal/handler";
export { type RouteArgs, type RouteArgsHandler, withRouteArgs } from "./route-args";
export {
  fetchWebhookParts,
  type WebhookProcessor,
  type WebhookRequestParts,
  webhookProcessor,
} from "./webhooks/handler";
export * from "./webhooks/index";
