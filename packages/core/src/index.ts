export {
  type BeforeCheckoutContext,
  type CheckoutHandlerConfig,
  type CheckoutPayloads,
  type CheckoutType,
  checkoutHandler,
} from "./checkout/handler";
export {
  type CheckoutResult,
  cachedProductLookup,
  createCheckoutSession,
  createCustomerPortalSession,
  createDynamicCheckout,
  type ProductInfo,
  type ProductLookup,
} from "./checkout/operations";
export {
  type CheckoutSessionBody,
  checkoutSessionSchema,
  type DynamicCheckoutBody,
  dynamicCheckoutSchema,
} from "./checkout/schemas";
export {
  type BuildStaticCheckoutUrlOptions,
  buildStaticCheckoutUrl,
  parseStaticCheckoutQuery,
  type StaticCheckoutParams,
  type StaticCheckoutRequest,
} from "./checkout/static";
export {
  type ClientConfig,
  type DodoEnvironment,
  lazyClient,
  type ResolvedClient,
  upstreamError,
} from "./client";
export { isEnvRecord, readEnv, withDefaultEnv } from "./env";
export { consoleLogger, jsonResponse, problemResponse, readBodyBytes } from "./http";
export { type MemoizeFactoryOptions, memoizeFactory } from "./memo";
export { type CustomerPortalHandlerConfig, customerPortalHandler } from "./portal/handler";
export { type RouteArgs, type RouteArgsHandler, withRouteArgs } from "./route-args";
export * from "./webhooks/index";
