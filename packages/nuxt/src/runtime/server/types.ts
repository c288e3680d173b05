// The types of `@dodopayments/nuxt` (the module entry) and `@dodopayments/nuxt/server`.
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
export type {
  DodoEventHandler,
  DodoRuntimeConfig,
  NuxtCheckoutConfig,
  NuxtCustomerPortalConfig,
  NuxtWebhookConfig,
} from "./adapter";
