import type { ReceivedEvent } from "./events.js";
import { formatPrice, type Product } from "./products.js";

/** Escapes text for HTML: every value from outside this file goes through it. */
export function h(value: unknown): string {
  return String(value ?? "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

const CSS = `
:root {
  color-scheme: light;
  --ink: #1c2024;
  --muted: #5b6470;
  --line: #e3e6ea;
  --accent: #0f6e5a;
  --accent-ink: #fff;
  --bg: #f7f8f9;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  color: var(--ink);
  background: var(--bg);
}
* { box-sizing: border-box; }
body { margin: 0; line-height: 1.5; }
a { color: var(--accent); }
header { background: #fff; border-bottom: 1px solid var(--line); }
header nav { max-width: 880px; margin: 0 auto; padding: 14px 20px; display: flex; gap: 20px; align-items: center; }
header .brand { font-weight: 700; color: var(--ink); text-decoration: none; margin-right: auto; }
header .mode { font-size: 0.75rem; padding: 2px 8px; border-radius: 999px; background: #fff4d6; color: #7a5300; }
main { max-width: 880px; margin: 0 auto; padding: 28px 20px 60px; }
h1 { margin: 0 0 6px; font-size: 1.7rem; }
.lead { color: var(--muted); margin: 0 0 24px; }
.products { list-style: none; padding: 0; margin: 0 0 28px; display: grid; gap: 16px; grid-template-columns: repeat(auto-fit, minmax(260px, 1fr)); }
.card { background: #fff; border: 1px solid var(--line); border-radius: 12px; padding: 20px; }
.card h2 { margin: 0 0 4px; font-size: 1.15rem; }
.card p { margin: 0 0 10px; color: var(--muted); }
.card .price { color: var(--ink); font-weight: 600; font-size: 1.1rem; }
.kind { font-size: 0.75rem; text-transform: uppercase; letter-spacing: 0.04em; color: var(--muted); }
.actions { display: flex; flex-wrap: wrap; gap: 8px; margin-top: 14px; }
button { font: inherit; font-weight: 600; border-radius: 8px; padding: 9px 14px; cursor: pointer; border: 1px solid var(--accent); background: var(--accent); color: var(--accent-ink); }
button.secondary { background: #fff; color: var(--accent); }
button:disabled { opacity: 0.6; cursor: progress; }
.error { color: #b42318; margin: 10px 0 0; }
table { width: 100%; border-collapse: collapse; background: #fff; border: 1px solid var(--line); border-radius: 12px; overflow: hidden; }
th, td { text-align: left; padding: 10px 12px; border-bottom: 1px solid var(--line); font-size: 0.92rem; }
th { color: var(--muted); font-weight: 600; background: #fbfbfc; }
.nowrap { white-space: nowrap; }
td code { overflow-wrap: anywhere; }
code { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 0.88em; }
.status { display: inline-block; padding: 2px 10px; border-radius: 999px; background: #e7f6ee; color: #11623f; font-weight: 600; }
.status.failed { background: #fdecea; color: #b42318; }
.muted { color: var(--muted); }
`;

function layout(title: string, body: string, script = ""): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${h(title)} · Dodo Payments · Bun example</title>
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
<style>${CSS}</style>
</head>
<body>
<header><nav>
<a class="brand" href="/">Demo shop</a>
<a href="/">Products</a>
<a href="/events">Webhook events</a>
<span class="mode">test mode</span>
</nav></header>
<main>
${body}
</main>
${script ? `<script>${script}</script>` : ""}
</body>
</html>`;
}

// Asks our API routes for a checkout URL, then sends the browser there.
const BUY_SCRIPT = `
async function checkoutUrl(kind, productId) {
  const response = kind === "session"
    ? await fetch("/api/checkout-session", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ product_cart: [{ product_id: productId, quantity: 1 }] }),
      })
    : await fetch("/api/checkout?productId=" + encodeURIComponent(productId) + "&quantity=1");
  const body = await response.json().catch(() => ({}));
  if (!response.ok || !body.checkout_url) throw new Error(body.detail || body.title || "HTTP " + response.status);
  return body.checkout_url;
}
for (const button of document.querySelectorAll("button[data-checkout]")) {
  button.addEventListener("click", async () => {
    const card = button.closest("[data-testid=product]");
    const error = card.querySelector("[data-testid=checkout-error]");
    const label = button.textContent;
    for (const b of card.querySelectorAll("button")) b.disabled = true;
    button.textContent = "Redirecting\u2026";
    error.hidden = true;
    try {
      window.location.assign(await checkoutUrl(button.dataset.checkout, card.dataset.productId));
    } catch (e) {
      error.textContent = "Checkout failed: " + e.message;
      error.hidden = false;
      for (const b of card.querySelectorAll("button")) b.disabled = false;
      button.textContent = label;
    }
  });
}
// Coming back with the browser's Back button restores this page as it was: re-enable it.
window.addEventListener("pageshow", (event) => { if (event.persisted) location.reload(); });
`;

export function homePage(products: readonly Product[]): string {
  const cards = products
    .map(
      (
        p,
      ) => `<li class="card" data-testid="product" data-product-id="${h(p.product_id)}" data-product-type="${h(p.type)}">
<span class="kind">${p.type === "subscription" ? "Subscription" : "One-time"}</span>
<h2>${h(p.name)}</h2>
<p>${h(p.description)}</p>
<p class="price">${h(formatPrice(p))}</p>
<div class="actions">
<button type="button" data-checkout="session">Buy now (checkout session)</button>
<button type="button" class="secondary" data-checkout="static">Buy now (static link)</button>
</div>
<p class="error" role="alert" data-testid="checkout-error" hidden></p>
</li>`,
    )
    .join("\n");
  return layout(
    "Products",
    `<h1>Demo shop</h1>
<p class="lead">Pay with a checkout session or a static payment link. The webhooks Dodo Payments sends afterwards appear under <a href="/events">Webhook events</a>.</p>
<ul class="products">
${cards}
</ul>
<section class="card">
<h2>Your account</h2>
<p>You are signed in as the demo customer (a <code>demo_session</code> cookie; see <code>src/demo-session.ts</code>). Subscriptions, payments and invoices are managed in the Dodo Payments customer portal.</p>
<!-- A plain form: the route answers with a redirect to the portal. -->
<form action="/api/customer-portal" method="get"><button type="submit">Manage billing</button></form>
</section>`,
    BUY_SCRIPT,
  );
}

// Dodo Payments sends the customer here after checkout (DODO_PAYMENTS_RETURN_URL) with
// ?payment_id=...&status=... or ?subscription_id=...&status=.... Anyone can type this URL:
// show it, but fulfil orders from the webhook only.
export function successPage(query: {
  status?: string;
  payment_id?: string;
  subscription_id?: string;
}): string {
  const status = query.status ?? "unknown";
  const failed = status === "failed" || status === "cancelled";
  return layout(
    failed ? "Payment failed" : "Thank you",
    `<h1>${failed ? "Payment failed" : "Thank you!"}</h1>
<p class="lead">Checkout status: <span class="${failed ? "status failed" : "status"}" data-testid="checkout-status">${h(status)}</span></p>
<div class="card">
<p>${query.subscription_id ? "Subscription" : "Payment"}: <code data-testid="checkout-reference">${h(query.subscription_id ?? query.payment_id ?? "none")}</code></p>
<p>This page only repeats what the return URL says. The order is confirmed by the signed webhook: see <a href="/events">Webhook events</a>.</p>
<p><a href="/">Back to the shop</a></p>
</div>`,
  );
}

export function eventsPage(events: readonly ReceivedEvent[]): string {
  const rows = events
    .map(
      (e) => `<tr data-testid="event">
<td data-testid="event-type"><code>${h(e.type)}</code></td>
<td data-testid="event-id"><code>${h(e.webhookId)}</code></td>
<td data-testid="event-object"><code>${h(e.objectId ?? "")}</code></td>
<td class="nowrap" data-testid="event-time"><time datetime="${h(e.receivedAt)}">${h(e.receivedAt.slice(0, 19).replace("T", " "))} UTC</time></td>
</tr>`,
    )
    .join("\n");
  const body =
    events.length === 0
      ? `<p class="card muted" data-testid="events-empty">No events yet. Buy something, then come back.</p>`
      : `<table data-testid="events">
<thead><tr><th>Type</th><th>Webhook id</th><th>About</th><th class="nowrap">Received</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>`;
  return layout(
    "Webhook events",
    `<h1>Webhook events</h1>
<p class="lead">Verified webhooks received by <code>/api/webhook</code>, newest first. This page refreshes itself.</p>
${body}`,
    // New webhooks show up by themselves.
    "setTimeout(() => location.reload(), 2000);",
  );
}
