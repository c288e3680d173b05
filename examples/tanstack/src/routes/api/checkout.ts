import { Checkout } from "@dodopayments/tanstack";
import { createFileRoute } from "@tanstack/react-router";

// GET /api/checkout?productId=pdt_...&quantity=1 -> { checkout_url } of a static payment link.
// The API key, environment and return URL come from DODO_PAYMENTS_* (read on the first request).
// Mounted as ANY, so other methods get the handler's 405 (Allow: GET, HEAD), not Start's 404 page.
export const Route = createFileRoute("/api/checkout")({
  server: { handlers: { ANY: Checkout({ type: "static" }) } },
});
