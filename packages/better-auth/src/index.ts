// The names every adapter re-exports from core (core's README, "What adapters re-export").
export * from "@dodopayments/core/adapter-exports";
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
