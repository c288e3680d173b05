import { Checkout } from "@dodopayments/astro";

// GET /api/checkout?productId=pdt_...&quantity=1 -> { checkout_url } of a static payment link.
// The API key, environment and return URL come from DODO_PAYMENTS_* in the server's environment,
// read on the first request. Do not pass import.meta.env values: Astro inlines them at build time.
export const GET = Checkout({ type: "static" });
