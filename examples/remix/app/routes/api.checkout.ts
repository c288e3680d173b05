import { Checkout } from "@dodopayments/remix";

// GET /api/checkout?productId=pdt_...&quantity=1 -> { checkout_url } of a static payment link.
// The API key, environment and return URL come from DODO_PAYMENTS_* (read on the first request).
// The handler is the loader itself: React Router passes it the route args.
export const loader = Checkout({ type: "static" });
