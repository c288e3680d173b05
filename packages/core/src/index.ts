// `@dodopayments/core`: everything, including what loads the Dodo SDK and zod at import (the
// schemas, the client, the API operations). Adapters import `./handlers` instead.

export {
  cachedProductLookup,
  createCheckoutSession,
  createDynamicCheckout,
} from "./checkout/operations";
export { checkoutSessionSchema, dynamicCheckoutSchema } from "./checkout/schemas";
export { lazyClient, upstreamError } from "./client";
export * from "./handlers";
export { createCustomerPortalSession } from "./portal/operations";
