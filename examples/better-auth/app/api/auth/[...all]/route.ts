import { toNextJsHandler } from "better-auth/next-js";
import { auth, authReady } from "@/lib/auth";

// Every Better Auth route under /api/auth, the plugin's included:
//   POST /api/auth/dodopayments/checkout-session      (authClient.dodopayments.checkoutSession)
//   GET  /api/auth/dodopayments/customer/portal       (authClient.dodopayments.customer.portal)
//   GET  /api/auth/dodopayments/customer/subscriptions/list, .../payments/list
//   POST /api/auth/dodopayments/webhooks              (Dodo Payments' webhook endpoint)
// The webhook route reads the exact body itself: nothing before it may parse the request.
export const { GET, POST, PUT, PATCH, DELETE } = toNextJsHandler(async (request: Request) => {
  await authReady;
  return auth.handler(request);
});
