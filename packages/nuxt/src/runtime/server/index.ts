// Auto-imported into Nitro server code by the module; also importable as `@dodopayments/nuxt/server`.
import { useRuntimeConfig } from "#imports";
import { createDodoNuxt, type DodoRuntimeConfig } from "./adapter";

const dodo = createDodoNuxt(
  (event) => (useRuntimeConfig(event) as { private?: DodoRuntimeConfig }).private,
);

/** Checkout handler factory: `checkoutHandler({ type: "session" })`. Answers `{ checkout_url }`. */
export const checkoutHandler = dodo.checkoutHandler;
/** Customer portal handler factory. Prefer `getCustomerId` over the `?customer_id=` query. */
export const customerPortalHandler = dodo.customerPortalHandler;
/** Webhook handler factory: verifies the signature over the exact bytes, then dispatches. */
export const Webhooks = dodo.Webhooks;
/** Alias of `checkoutHandler`. */
export const Checkout = dodo.checkoutHandler;
/** Alias of `customerPortalHandler`. */
export const CustomerPortal = dodo.customerPortalHandler;

export * from "@dodopayments/core/adapter";
export type {
  DodoEventHandler,
  DodoRuntimeConfig,
  NuxtCheckoutConfig,
  NuxtCustomerPortalConfig,
  NuxtWebhookConfig,
} from "./adapter";
