// `@dodopayments/better-auth/client`: the client plugin alone. It imports nothing at run time but
// the error codes, so a browser bundle gets neither the Dodo Payments SDK nor server code.
import type { BetterAuthClientPlugin } from "better-auth/client";
import { DODO_PAYMENTS_ERROR_CODES } from "./error-codes";
import type { DodoPaymentsPlugin } from "./plugin";

/**
 * The client side of `dodopayments()`: `createAuthClient({ plugins: [dodopaymentsClient()] })`
 * gives `authClient.dodopayments.checkoutSession(...)`, `.checkout(...)`, `.customer.portal()`,
 * `.customer.subscriptions.list(...)` and `.customer.payments.list(...)`, typed from the server
 * plugin.
 */
export const dodopaymentsClient = () =>
  ({
    id: "dodopayments-client",
    $InferServerPlugin: {} as DodoPaymentsPlugin,
    pathMethods: {
      "/dodopayments/checkout-session": "POST",
      "/dodopayments/checkout": "POST",
    },
    $ERROR_CODES: DODO_PAYMENTS_ERROR_CODES,
  }) satisfies BetterAuthClientPlugin;

export { DODO_PAYMENTS_ERROR_CODES, type DodoPaymentsErrorCode } from "./error-codes";
