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

// The names every adapter re-exports from core (core's README, "What adapters re-export").
export * from "@dodopayments/core/adapter-exports";
export type {
  DodoEventHandler,
  DodoRuntimeConfig,
  NuxtCheckoutConfig,
  NuxtCustomerPortalConfig,
  NuxtWebhookConfig,
} from "./adapter";
