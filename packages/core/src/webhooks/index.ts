// `@dodopayments/core/webhooks`: verification and dispatch without loading the Dodo SDK.

export type { EnvRecord, EnvSource } from "../env";
export { DodoHttpError, type FieldError, type Logger, type ProblemDetails } from "../http";
export {
  type HandlerName,
  handlerNameFor,
  isKnownEventType,
  type UnknownWebhookPayload,
  WEBHOOK_EVENT_TYPES,
  type WebhookContext,
  type WebhookEventHandlers,
  type WebhookEventOf,
  type WebhookEventType,
  type WebhookPayload,
} from "./events";
export {
  DEFAULT_WEBHOOK_BODY_LIMIT,
  dispatchWebhook,
  type WebhookHandlerConfig,
  webhookHandler,
} from "./handler";
export * from "./idempotency/index";
export {
  parseWebhookPayload,
  type VerifiedWebhook,
  type VerifyWebhookOptions,
  verifyWebhook,
  verifyWebhookDetailed,
  WebhookPayloadError,
} from "./payload";
export {
  assertValidWebhookKey,
  DEFAULT_TOLERANCE_SECONDS,
  type HeadersLike,
  type SignWebhookOptions,
  signWebhook,
  type VerifiedSignature,
  type VerifySignatureOptions,
  verifyWebhookSignature,
  type WebhookHeaders,
  WebhookKeyError,
  WebhookVerificationError,
  type WebhookVerificationReason,
} from "./signature";
