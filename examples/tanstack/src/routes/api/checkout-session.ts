import { Checkout, DodoHttpError } from "@dodopayments/tanstack";
import { createFileRoute } from "@tanstack/react-router";
import { getSignedInCustomerId } from "@/lib/demo-session";

// POST /api/checkout-session with a `POST /checkouts` body ({ product_cart: [...] })
// -> { checkout_url } of a checkout session.
const checkoutSession = Checkout({
  type: "session",
  // The browser may not send customers to a return URL on another site.
  allowedReturnUrls: "same-origin",
  // Runs on the server after validation: the customer comes from the session, not the browser.
  beforeCheckout: async (payload, { request }) => {
    const customerId = await getSignedInCustomerId(request);
    if (!customerId) throw new DodoHttpError(401, "Sign in first");
    return { ...payload, customer: { customer_id: customerId } };
  },
});

export const Route = createFileRoute("/api/checkout-session")({
  server: { handlers: { ANY: checkoutSession } },
});
