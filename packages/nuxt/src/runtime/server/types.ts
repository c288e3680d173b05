// The types of `@dodopayments/nuxt` (the module entry) and `@dodopayments/nuxt/server`.
export type * from "@dodopayments/core/adapter-exports";
export type {
  DodoEventHandler,
  DodoRuntimeConfig,
  NuxtCheckoutConfig,
  NuxtCustomerPortalConfig,
  NuxtWebhookConfig,
} from "./adapter";
