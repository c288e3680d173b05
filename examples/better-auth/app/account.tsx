"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useEffect, useState } from "react";
import { authClient } from "@/lib/auth-client";

type Subscription = {
  subscription_id: string;
  product_name?: string | null;
  product_id: string;
  status: string;
  next_billing_date: string | Date;
};

function field(form: HTMLFormElement, name: string): string {
  return String(new FormData(form).get(name) ?? "");
}

/** A form that makes one Better Auth call: its error shows under the form, success refreshes. */
function useAuthForm(
  call: (form: HTMLFormElement) => Promise<{ error: { message?: string } | null }>,
) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const result = await call(event.currentTarget);
    if (result.error) setError(result.error.message ?? "Something went wrong");
    else router.refresh();
  }
  const alert = error && (
    <p className="error" role="alert">
      {error}
    </p>
  );
  return { onSubmit, alert };
}

/** Better Auth's email and password sign-up; the plugin creates the Dodo customer meanwhile. */
export function SignUpForm() {
  const { onSubmit, alert } = useAuthForm((form) =>
    authClient.signUp.email({
      name: field(form, "name"),
      email: field(form, "email"),
      password: field(form, "password"),
      callbackURL: "/", // where the verification link lands
    }),
  );
  return (
    <form className="card stack" onSubmit={onSubmit} aria-label="Sign up">
      <h2>Sign up</h2>
      <label>
        Name
        <input name="name" required autoComplete="name" />
      </label>
      <label>
        Email
        <input name="email" type="email" required autoComplete="email" />
      </label>
      <label>
        Password
        <input name="password" type="password" required minLength={8} autoComplete="new-password" />
      </label>
      <button type="submit">Sign up</button>
      {alert}
    </form>
  );
}

export function SignInForm() {
  const { onSubmit, alert } = useAuthForm((form) =>
    authClient.signIn.email({ email: field(form, "email"), password: field(form, "password") }),
  );
  return (
    <form className="card stack" onSubmit={onSubmit} aria-label="Sign in">
      <h2>Sign in</h2>
      <label>
        Email
        <input name="email" type="email" required autoComplete="email" />
      </label>
      <label>
        Password
        <input name="password" type="password" required autoComplete="current-password" />
      </label>
      <button type="submit" className="secondary">
        Sign in
      </button>
      {alert}
    </form>
  );
}

export function SignOutButton() {
  const router = useRouter();
  return (
    <button
      type="button"
      className="secondary"
      onClick={async () => {
        await authClient.signOut();
        router.refresh();
      }}
    >
      Sign out
    </button>
  );
}

/** A checkout session for the signed-in user, by the product's slug; then off to Dodo's page. */
export function CheckoutButton({ slug, label }: { slug: string; label: string }) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  // Coming back with the browser's Back button restores this page as it was: re-enable it.
  useEffect(() => {
    const reset = (event: PageTransitionEvent) => {
      if (event.persisted) setPending(false);
    };
    window.addEventListener("pageshow", reset);
    return () => window.removeEventListener("pageshow", reset);
  }, []);

  async function buy() {
    setPending(true);
    setError(null);
    const { data, error } = await authClient.dodopayments.checkoutSession({ slug });
    if (data) {
      window.location.assign(data.url);
      return;
    }
    setError(`Checkout failed: ${error?.message ?? "unknown error"}`);
    setPending(false);
  }

  return (
    <>
      <div className="actions">
        <button type="button" disabled={pending} onClick={buy}>
          {pending ? "Redirecting…" : label}
        </button>
      </div>
      {error && (
        <p className="error" role="alert" data-testid="checkout-error">
          {error}
        </p>
      )}
    </>
  );
}

/** Opens the signed-in user's own customer portal (the server knows who; nothing is sent). */
export function ManageBilling() {
  const [error, setError] = useState<string | null>(null);
  async function open() {
    setError(null);
    const { data, error } = await authClient.dodopayments.customer.portal();
    if (data) window.location.assign(data.url);
    else if (error?.code === "EMAIL_NOT_VERIFIED")
      setError("Verify your email address first: open the link in your inbox.");
    else setError(`Could not open billing: ${error?.message ?? "unknown error"}`);
  }
  return (
    <>
      <button type="button" onClick={open}>
        Manage billing
      </button>
      {error && (
        <p className="error" role="alert" data-testid="billing-error">
          {error}
        </p>
      )}
    </>
  );
}

/** The signed-in user's subscriptions, from `authClient.dodopayments.customer.subscriptions.list`. */
export function Subscriptions() {
  const [items, setItems] = useState<Subscription[] | null>(null);
  const [note, setNote] = useState<string | null>(null);
  useEffect(() => {
    authClient.dodopayments.customer.subscriptions
      .list({ query: { limit: 10, page: 1 } })
      .then(({ data, error }) => {
        if (data) setItems(data.items);
        else if (error?.code === "EMAIL_NOT_VERIFIED")
          setNote("Your subscriptions show here once your email is verified.");
        else setNote(`Could not load subscriptions: ${error?.message ?? "unknown error"}`);
      });
  }, []);
  if (note) return <p className="muted">{note}</p>;
  if (!items) return <p className="muted">Loading subscriptions…</p>;
  if (items.length === 0) return <p className="muted">No subscriptions yet.</p>;
  return (
    <table data-testid="subscriptions">
      <thead>
        <tr>
          <th>Plan</th>
          <th>Status</th>
          <th className="nowrap">Next billing</th>
        </tr>
      </thead>
      <tbody>
        {items.map((subscription) => (
          <tr key={subscription.subscription_id} data-testid="subscription">
            <td>{subscription.product_name ?? subscription.product_id}</td>
            <td data-testid="subscription-status">{subscription.status}</td>
            {/* The Better Auth client turns ISO dates in answers into Date objects. */}
            <td className="nowrap">
              {new Date(subscription.next_billing_date).toISOString().slice(0, 10)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
