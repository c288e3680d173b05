// What every adapter re-exports from core (documented in core's README, "What adapters re-export").
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
} from "@dodopayments/core/internal";
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
} from "@dodopayments/core/internal";
export {
  type CheckoutLinkInput,
  type CheckoutOptions,
  type CheckoutProduct,
  type CheckoutResponse,
  type CheckoutSessionInput,
  checkout,
} from "./checkout";
export {
  DODO_PAYMENTS_ERROR_CODES,
  type DodoPaymentsErrorCode,
  dodopaymentsClient,
} from "./client";
export type { UserWithCustomer } from "./customer";
export { type DodoPaymentsOptions, type DodoPaymentsPlugin, dodopayments } from "./plugin";
export { type ListResponse, type PortalOptions, portal } from "./portal";
export type { DodoPaymentsPart, DodoPaymentsShared } from "./shared";
export { type WebhooksOptions, webhooks } from "./webhooks";
