import { getSignedInCustomerId } from "../utils/demo-session";

// POST /api/checkout-session with a `POST /checkouts` body ({ product_cart: [...] })
// -> { checkout_url } of a checkout session.
export default defineEventHandler(
  Checkout({
    type: "session",
    // The browser may not send customers to a return URL on another site.
    allowedReturnUrls: "same-origin",
    // Runs on the server after validation: the customer comes from the session, not the browser.
    // `context` is the h3 event.
    beforeCheckout: (payload, { context: event }) => {
      const customerId = getSignedInCustomerId(event);
      if (!customerId) throw new DodoHttpError(401, "Sign in first");
      return { ...payload, customer: { customer_id: customerId } };
    },
  }),
);
