export type * from "@dodopayments/core/adapter";
export type {
  DodoEventHandler,
  DodoRuntimeConfig,
  NuxtCheckoutConfig,
  NuxtCustomerPortalConfig,
  NuxtWebhookConfig,
} from "./adapter";
