import { headers } from "next/headers";
import Link from "next/link";
import { auth, authReady } from "@/lib/auth";
import { formatPrice, products } from "@/lib/products";
import {
  CheckoutButton,
  ManageBilling,
  SignInForm,
  SignOutButton,
  SignUpForm,
  Subscriptions,
} from "./account";

export default async function Home() {
  await authReady;
  const session = await auth.api.getSession({ headers: await headers() });
  const user = session?.user;
  return (
    <>
      <h1>Plans</h1>
      <p className="lead">
        Sign up, subscribe, and manage your billing. The webhooks Dodo Payments sends afterwards
        appear under <Link href="/events">Webhook events</Link>.
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
            {user ? (
              <CheckoutButton
                slug={product.slug}
                label={product.type === "subscription" ? "Subscribe" : "Buy now"}
              />
            ) : (
              <p className="muted">Sign up to buy.</p>
            )}
          </li>
        ))}
      </ul>
      {user ? (
        <section className="card">
          <h2>Your account</h2>
          <p data-testid="signed-in-as">
            Signed in as <strong>{user.email}</strong>
          </p>
          <p data-testid="email-status">
            {user.emailVerified ? (
              "Email verified."
            ) : (
              <>
                Email not verified yet: open the link we sent you (demo:{" "}
                <Link href="/inbox">Inbox</Link>) before opening billing.
              </>
            )}
          </p>
          <Subscriptions />
          <div className="actions">
            <ManageBilling />
            <SignOutButton />
          </div>
        </section>
      ) : (
        <div className="columns">
          <SignUpForm />
          <SignInForm />
        </div>
      )}
    </>
  );
}
