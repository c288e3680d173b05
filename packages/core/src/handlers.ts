// `@dodopayments/core/handlers`: the main entry without the values that need the Dodo SDK or zod
// when imported (the zod schemas, the SDK client and the API operations). The handlers load
// those on the first request that needs them, so importing this costs no more than the webhook
// entry: what adapters import, for serverless cold starts.
export {
  type BeforeCheckoutContext,
  type CheckoutHandlerConfig,
  type CheckoutPayloads,
  type CheckoutType,
  checkoutHandler,
} from "./checkout/handler";
export type {
  CheckoutResult,
  ProductInfo,
  ProductLookup,
} from "./checkout/operations";
export type { CheckoutSessionBody, DynamicCheckoutBody } from "./checkout/schemas";
export {
  type BuildStaticCheckoutUrlOptions,
  buildStaticCheckoutUrl,
  parseStaticCheckoutQuery,
  type StaticCheckoutParams,
  type StaticCheckoutRequest,
} from "./checkout/static";
export type { ClientConfig, DodoEnvironment, ResolvedClient } from "./client";
export { isEnvRecord, readEnv, withDefaultEnv } from "./env";
export { consoleLogger, jsonResponse, problemResponse, readBodyBytes } from "./http";
export { after, isThenable, type MaybePromise } from "./maybe";
export { type MemoizeFactoryOptions, memoizeFactory } from "./memo";
export { type CustomerPortalHandlerConfig, customerPortalHandler } from "./portal/handler";
export { type RouteArgs, type RouteArgsHandler, withRouteArgs } from "./route-args";
export * from "./webhooks/index";
