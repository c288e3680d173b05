import { createFileRoute, Link } from "@tanstack/react-router";
import { BuyButtons } from "@/components/buy-buttons";
import { formatPrice, products } from "@/lib/products";

export const Route = createFileRoute("/")({ component: Home });

function Home() {
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
          <code>src/lib/demo-session.ts</code>). Subscriptions, payments and invoices are managed in
          the Dodo Payments customer portal.
        </p>
        {/* A plain form, not a router link: the server route answers with a redirect to the portal. */}
        <form action="/api/customer-portal" method="get">
          <button type="submit">Manage billing</button>
        </form>
      </section>
    </>
  );
}
