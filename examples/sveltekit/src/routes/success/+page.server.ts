import type { PageServerLoad } from "./$types";

// Dodo Payments sends the customer here after checkout (DODO_PAYMENTS_RETURN_URL) with
// ?payment_id=...&status=... or ?subscription_id=...&status=.... Anyone can type this URL:
// show it, but fulfil orders from the webhook only.
export const load: PageServerLoad = ({ url }) => {
  const status = url.searchParams.get("status") ?? "unknown";
  return {
    status,
    failed: status === "failed" || status === "cancelled",
    subscriptionId: url.searchParams.get("subscription_id"),
    paymentId: url.searchParams.get("payment_id"),
  };
};
