import { Link } from "react-router";
import { demoSession } from "../lib/demo-session";
import type { Route } from "./+types/success";

export const middleware: Route.MiddlewareFunction[] = [demoSession];

// Dodo Payments sends the customer here after checkout (DODO_PAYMENTS_RETURN_URL) with
// ?payment_id=...&status=... or ?subscription_id=...&status=.... Anyone can type this URL:
// show it, but fulfil orders from the webhook only.
export function loader({ request }: Route.LoaderArgs) {
  const query = new URL(request.url).searchParams;
  return {
    status: query.get("status") ?? "unknown",
    subscriptionId: query.get("subscription_id"),
    paymentId: query.get("payment_id"),
  };
}

export function meta() {
  return [{ title: "Checkout · Dodo Payments · React Router example" }];
}

export default function Success({ loaderData }: Route.ComponentProps) {
  const { status, subscriptionId, paymentId } = loaderData;
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
          webhook: see <Link to="/events">Webhook events</Link>.
        </p>
        <p>
          <Link to="/">Back to the shop</Link>
        </p>
      </div>
    </>
  );
}
