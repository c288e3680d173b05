import { useEffect, useState } from "react";

type Kind = "session" | "static";

/** Asks our API routes for a checkout URL, then sends the browser there. */
async function checkoutUrl(kind: Kind, productId: string): Promise<string> {
  const response =
    kind === "session"
      ? await fetch("/api/checkout-session", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ product_cart: [{ product_id: productId, quantity: 1 }] }),
        })
      : await fetch(`/api/checkout?productId=${encodeURIComponent(productId)}&quantity=1`);
  const body = (await response.json().catch(() => ({}))) as {
    checkout_url?: string;
    title?: string;
    detail?: string;
  };
  if (!response.ok || !body.checkout_url) {
    throw new Error(body.detail ?? body.title ?? `HTTP ${response.status}`);
  }
  return body.checkout_url;
}

export function BuyButtons({ productId }: { productId: string }) {
  const [pending, setPending] = useState<Kind | null>(null);
  const [error, setError] = useState<string | null>(null);

  // Coming back with the browser's Back button restores this page as it was: re-enable it.
  useEffect(() => {
    const reset = (event: PageTransitionEvent) => {
      if (event.persisted) setPending(null);
    };
    window.addEventListener("pageshow", reset);
    return () => window.removeEventListener("pageshow", reset);
  }, []);

  async function buy(kind: Kind) {
    setPending(kind);
    setError(null);
    try {
      window.location.assign(await checkoutUrl(kind, productId));
    } catch (e) {
      setError(`Checkout failed: ${(e as Error).message}`);
      setPending(null);
    }
  }

  return (
    <>
      <div className="actions">
        <button type="button" disabled={pending !== null} onClick={() => buy("session")}>
          {pending === "session" ? "Redirecting…" : "Buy now (checkout session)"}
        </button>
        <button
          type="button"
          className="secondary"
          disabled={pending !== null}
          onClick={() => buy("static")}
        >
          {pending === "static" ? "Redirecting…" : "Buy now (static link)"}
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
