import { Checkout } from "@dodopayments/nextjs";

// GET /api/checkout?productId=pdt_...&quantity=1 -> { checkout_url } of a static payment link.
// The API key, environment and return URL come from DODO_PAYMENTS_* (read on the first request).
export const GET = Checkout({ type: "static" });
