import { createFileRoute, Link } from "@tanstack/react-router";

const text = (value: unknown) =>
  typeof value === "string" || typeof value === "number" ? String(value) : undefined;

// Dodo Payments sends the customer here after checkout (DODO_PAYMENTS_RETURN_URL) with
// ?payment_id=...&status=... or ?subscription_id=...&status=.... Anyone can type this URL:
// show it, but fulfil orders from the webhook only.
export const Route = createFileRoute("/success")({
  validateSearch: (search: Record<string, unknown>) => ({
    status: text(search.status),
    payment_id: text(search.payment_id),
    subscription_id: text(search.subscription_id),
  }),
  component: Success,
});

function Success() {
  const query = Route.useSearch();
  const status = query.status ?? "unknown";
  const failed = status === "failed" || status === "cancelled";
  return (
    <>
      <h1>{failed ? "Payment failed" : "Thank you!"}</h1>
      <p className="lead">
        Checkout status:{" "}
        <span className={failed ? "status failed" : "status"} data-testid="checkout-status">
          {status}
        </span>
      </p>
      <div className="card">
        <p>
          {query.subscription_id ? "Subscription" : "Payment"}:{" "}
          <code data-testid="checkout-reference">
            {query.subscription_id ?? query.payment_id ?? "none"}
          </code>
        </p>
        <p>
          This page only repeats what the return URL says. The order is confirmed by the signed
          webhook: see <Link to="/events">Webhook events</Link>.
        </p>
        <p>
          <Link to="/">Back to the shop</Link>
        </p>
      </div>
    </>
  );
}
