// What checkout and the customer portal need only once a request arrives: the Dodo SDK (through
// the client and the API operations) and the zod schemas. Loaded by `loadRuntime` (./lazy), so
// that importing a handler, an adapter or a webhook route loads neither.

export {
  cachedProductLookup,
  createCheckoutSession,
  createCustomerPortalSession,
  createDynamicCheckout,
} from "./checkout/operations";
export {
  checkoutSessionSchema,
  dynamicCheckoutSchema,
  portalCustomerQuerySchema,
  portalQuerySchema,
} from "./checkout/schemas";
export { lazyClient } from "./client";
