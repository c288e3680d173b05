import { Link } from "react-router";
import { BuyButtons } from "../buy-buttons";
import { demoSession } from "../lib/demo-session";
import { formatPrice, products } from "../lib/products";
import type { Route } from "./+types/home";

export const middleware: Route.MiddlewareFunction[] = [demoSession];

export default function Home() {
  return (
    <>
      <h1>Demo shop</h1>
      <p className="lead">
        Pay with a checkout session or a static payment link. The webhooks Dodo Payments sends
        afterwards appear under <Link to="/events">Webhook events</Link>.
      </p>
      <ul className="products">
        {products.map((product) => (
          <li
            key={product.product_id}
            className="card"
            data-testid="product"
            data-product-id={product.product_id}
            data-product-type={product.type}
          >
            <span className="kind">
              {product.type === "subscription" ? "Subscription" : "One-time"}
            </span>
            <h2>{product.name}</h2>
            <p>{product.description}</p>
            <p className="price">{formatPrice(product)}</p>
            <BuyButtons productId={product.product_id} />
          </li>
        ))}
      </ul>
      <section className="card">
        <h2>Your account</h2>
        <p>
          You are signed in as the demo customer (a <code>demo_session</code> cookie; see{" "}
          <code>app/lib/demo-session.ts</code>). Subscriptions, payments and invoices are managed in
          the Dodo Payments customer portal.
        </p>
        {/* A plain HTML form (not React Router's <Form>): the browser follows the route's
            redirect to the portal. */}
        <form action="/api/customer-portal" method="get">
          <button type="submit">Manage billing</button>
        </form>
      </section>
    </>
  );
}
