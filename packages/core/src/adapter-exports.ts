// `@dodopayments/core/adapter-exports`: what every adapter re-exports next to its own handlers
// (`export * from` this entry), so one import serves a route file. Loads neither the SDK nor zod.
export type {
  BeforeCheckoutContext,
  CheckoutHandlerConfig,
  CheckoutPayloads,
  CheckoutSessionBody,
  CheckoutType,
  CustomerPortalHandlerConfig,
  DynamicCheckoutBody,
  EnvSource,
  IdempotencyOptions,
  IdempotencyStore,
  Logger,
  UnknownWebhookPayload,
  WebhookContext,
  WebhookEventOf,
  WebhookEventType,
  WebhookHandlerConfig,
  WebhookPayload,
  WebhookVerificationReason,
} from "./internal";
export {
  DEFAULT_WEBHOOK_BODY_LIMIT,
  DodoHttpError,
  memoryIdempotencyStore,
  redisIdempotencyStore,
  signWebhook,
  verifyWebhook,
  WEBHOOK_EVENT_TYPES,
  WebhookKeyError,
  WebhookPayloadError,
  WebhookVerificationError,
} from "./internal";
