// `@dodopayments/core/adapter`: what every framework adapter re-exports to its users, so each
// adapter's entry is one `export * from "@dodopayments/core/adapter"` plus its own handlers.

export type {
  BeforeCheckoutContext,
  CheckoutHandlerConfig,
  CheckoutPayloads,
  CheckoutType,
} from "./checkout/handler";
export type { CheckoutSessionBody, DynamicCheckoutBody } from "./checkout/schemas";
export type { DodoEnvironment } from "./client";
export type { EnvRecord, EnvSource } from "./env";
export {
  consoleLogger,
  DodoHttpError,
  type FieldError,
  type Logger,
  type ProblemDetails,
} from "./http";
export type { CustomerPortalHandlerConfig } from "./portal/handler";
export {
  handlerNameFor,
  type UnknownWebhookPayload,
  WEBHOOK_EVENT_TYPES,
  type WebhookContext,
  type WebhookEventHandlers,
  type WebhookEventOf,
  type WebhookEventType,
  type WebhookPayload,
} from "./webhooks/events";
export { DEFAULT_WEBHOOK_BODY_LIMIT, type WebhookHandlerConfig } from "./webhooks/handler";
export {
  type ClaimResult,
  type IdempotencyOptions,
  type IdempotencyStore,
  memoryIdempotencyStore,
  type RedisClientLike,
  type RedisIdempotencyStoreOptions,
  redisIdempotencyStore,
} from "./webhooks/idempotency/index";
export { verifyWebhook, WebhookPayloadError } from "./webhooks/payload";
export {
  signWebhook,
  WebhookKeyError,
  WebhookVerificationError,
  type WebhookVerificationReason,
} from "./webhooks/signature";
