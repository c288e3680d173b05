// `@dodopayments/core`: the handlers, webhook verification, the errors, the idempotency stores,
// and the API operations and request schemas for use without HTTP. Loads the Dodo SDK and zod at
// import (the operations and schemas need them); `./webhooks` and `./idempotency` do not, and
// neither do the adapters, which import `./internal`. Every export is documented in README.md.

export {
  type BeforeCheckoutContext,
  type CheckoutHandlerConfig,
  type CheckoutPayloads,
  type CheckoutType,
  checkoutHandler,
} from "./checkout/handler";
export {
  type CheckoutResult,
  createCheckoutSession,
  createDynamicCheckout,
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
  type StaticCheckoutRequest,
} from "./checkout/static";
export { type ClientConfig, type DodoEnvironment, lazyClient, upstreamError } from "./client";
export type { EnvRecord, EnvSource } from "./env";
export { DodoHttpError, type FieldError, type Logger, type ProblemDetails } from "./http";
export type { MaybePromise } from "./maybe";
export { type CustomerPortalHandlerConfig, customerPortalHandler } from "./portal/handler";
export { createCustomerPortalSession } from "./portal/operations";
export {
  type UnknownWebhookPayload,
  WEBHOOK_EVENT_TYPES,
  type WebhookContext,
  type WebhookEventHandlers,
  type WebhookEventOf,
  type WebhookEventType,
  type WebhookPayload,
} from "./webhooks/events";
export {
  DEFAULT_WEBHOOK_BODY_LIMIT,
  type WebhookHandlerConfig,
  webhookHandler,
} from "./webhooks/handler";
export {
  type IdempotencyOptions,
  type IdempotencyStore,
  memoryIdempotencyStore,
  type RedisClientLike,
  type RedisIdempotencyStoreOptions,
  redisIdempotencyStore,
} from "./webhooks/idempotency/index";
export { type VerifyWebhookOptions, verifyWebhook, WebhookPayloadError } from "./webhooks/payload";
export {
  type SignWebhookOptions,
  signWebhook,
  type WebhookHeaders,
  WebhookKeyError,
  WebhookVerificationError,
  type WebhookVerificationReason,
} from "./webhooks/signature";
