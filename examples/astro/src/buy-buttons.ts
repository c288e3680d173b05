// Bundled by Astro into the home page (the <script> in src/pages/index.astro).

// Asks our API routes for a checkout URL, then sends the browser there.
async function checkoutUrl(kind: string, productId: string): Promise<string> {
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

for (const button of document.querySelectorAll<HTMLButtonElement>("button[data-checkout]")) {
  button.addEventListener("click", async () => {
    const card = button.closest<HTMLElement>("[data-testid=product]");
    const error = card?.querySelector<HTMLElement>("[data-testid=checkout-error]");
    if (!card || !error) return;
    const buttons = card.querySelectorAll("button");
    const label = button.textContent;
    for (const b of buttons) b.disabled = true;
    button.textContent = "Redirecting…";
    error.hidden = true;
    try {
      const url = await checkoutUrl(button.dataset.checkout ?? "", card.dataset.productId ?? "");
      window.location.assign(url);
    } catch (e) {
      error.textContent = `Checkout failed: ${(e as Error).message}`;
      error.hidden = false;
      for (const b of buttons) b.disabled = false;
      button.textContent = label;
    }
  });
}

// Coming back with the browser's Back button restores this page as it was: re-enable it.
window.addEventListener("pageshow", (event) => {
  if (event.persisted) location.reload();
});
