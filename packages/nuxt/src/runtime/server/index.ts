// Auto-imported into Nitro server code by the module; also importable as `@dodopayments/nuxt/server`.
import { useRuntimeConfig } from "#imports";
import { createDodoNuxt, type DodoRuntimeConfig } from "./adapter";

const dodo = createDodoNuxt(
  (event) => (useRuntimeConfig(event) as { private?: DodoRuntimeConfig }).private,
);

/** Checkout handler factory: `Checkout({ type: "session" })`. Answers `{ checkout_url }`. */
export const Checkout = dodo.Checkout;
/** Customer portal handler factory. Prefer `getCustomerId` over the `?customer_id=` query. */
export const CustomerPortal = dodo.CustomerPortal;
/** Webhook handler factory: verifies the signature over the exact bytes, then dispatches. */
export const Webhooks = dodo.Webhooks;
/** Alias of `Checkout`, the name used in the Dodo docs for Nuxt. */
export const checkoutHandler = dodo.Checkout;
/** Alias of `CustomerPortal`, the name used in the Dodo docs for Nuxt. */
export const customerPortalHandler = dodo.CustomerPortal;

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
export type {
  DodoEventHandler,
  DodoRuntimeConfig,
  NuxtCheckoutConfig,
  NuxtCustomerPortalConfig,
  NuxtWebhookConfig,
} from "./adapter";
