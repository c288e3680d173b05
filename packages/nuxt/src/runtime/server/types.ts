export type {
  BeforeCheckoutContext,
  CheckoutHandlerConfig,
  CheckoutType,
  CustomerPortalHandlerConfig,
  DodoEnvironment,
  WebhookContext,
  WebhookEventType,
  WebhookHandlerConfig,
  WebhookPayload,
} from "@dodopayments/core";
export type {
  DodoEventHandler,
  DodoRuntimeConfig,
  NuxtCheckoutConfig,
  NuxtCustomerPortalConfig,
  NuxtWebhookConfig,
} from "./adapter";
