import Link from "next/link";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

// Dodo Payments sends the customer here after checkout (DODO_PAYMENTS_RETURN_URL) with
// ?payment_id=...&status=... or ?subscription_id=...&status=.... Anyone can type this URL:
// show it, but fulfil orders from the webhook only.
export default async function Success({ searchParams }: { searchParams: SearchParams }) {
  const query = await searchParams;
  const status = first(query.status) ?? "unknown";
  const subscriptionId = first(query.subscription_id);
  const paymentId = first(query.payment_id);
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
          {subscriptionId ? "Subscription" : "Payment"}:{" "}
          <code data-testid="checkout-reference">{subscriptionId ?? paymentId ?? "none"}</code>
        </p>
        <p>
          This page only repeats what the return URL says. The order is confirmed by the signed
          webhook: see <Link href="/events">Webhook events</Link>.
        </p>
        <p>
          <Link href="/">Back to the shop</Link>
        </p>
      </div>
    </>
  );
}
