import { Checkout, DodoHttpError } from "@dodopayments/sveltekit";
import { getSignedInCustomerId } from "#lib/demo-session.ts";
import * as env from "$app/env/private";

// POST /api/checkout-session with a `POST /checkouts` body ({ product_cart: [...] })
// -> { checkout_url } of a checkout session.
export const POST = Checkout({
  type: "session",
  env,
  // The browser may not send customers to a return URL on another site.
  allowedReturnUrls: "same-origin",
  // Runs on the server after validation: the customer comes from the session, not the browser.
  // `context` is SvelteKit's RequestEvent.
  beforeCheckout: (payload, { context }) => {
    const customerId = getSignedInCustomerId(context?.cookies);
    if (!customerId) throw new DodoHttpError(401, "Sign in first");
    return { ...payload, customer: { customer_id: customerId } };
  },
}).POST;
