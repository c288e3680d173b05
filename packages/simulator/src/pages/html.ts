import { isPayWhatYouWant, suggestedPrice, unitPrice } from "../products.js";
import type { Customer } from "../sdk-types.js";
import {
  type CartLine,
  type CheckoutRecord,
  currencyOf,
  type PaymentRecord,
  type SubscriptionRecord,
  totalOf,
} from "../store/index.js";
import { formatMoney, escapeHtml as h } from "../util.js";

const STYLE = `
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:#f4f5f7;color:#1d2330}
main{max-width:560px;margin:40px auto;padding:0 16px}
main.wide{max-width:760px}
.card{background:#fff;border:1px solid #e2e5ea;border-radius:12px;padding:24px 28px;margin-bottom:16px}
h1{font-size:1.4rem;margin:0 0 4px}
h2{font-size:1.05rem;margin:20px 0 8px}
.muted{color:#6b7280;font-size:.9rem}
.badge{display:inline-block;background:#fff4d6;color:#7a5600;border-radius:999px;padding:2px 10px;font-size:.75rem;font-weight:600;letter-spacing:.02em}
table{width:100%;border-collapse:collapse;font-size:.95rem}
th,td{text-align:left;padding:8px 4px;border-bottom:1px solid #eef0f3;vertical-align:top}
th{font-weight:600;color:#4b5563;font-size:.85rem}
td.num,th.num{text-align:right;white-space:nowrap}
td.nowrap,th.nowrap{white-space:nowrap}
td code{overflow-wrap:anywhere}
tfoot td{font-weight:700;border-bottom:0}
label{display:block;font-size:.85rem;font-weight:600;margin:12px 0 4px}
input{width:100%;padding:9px 11px;border:1px solid #cfd4dc;border-radius:8px;font:inherit}
input[readonly]{background:#f4f5f7;color:#4b5563}
.row{display:flex;gap:12px}.row>div{flex:1}
.actions{display:flex;flex-wrap:wrap;gap:12px;margin-top:22px}
.scroll{overflow-x:auto}
@media (max-width:480px){.card{padding:18px 16px}}
button{flex:1;padding:11px 16px;border-radius:8px;border:1px solid transparent;font:inherit;font-weight:600;cursor:pointer}
button.pay{background:#1f6feb;color:#fff}
button.fail{background:#fff;color:#b42318;border-color:#f1b5ae}
a.link{display:inline-block;padding:4px 10px;font-size:.85rem;font-weight:600;border:1px solid #cfd4dc;border-radius:8px;color:#b42318;text-decoration:none;white-space:nowrap}
a.button{flex:1;display:block;text-align:center;padding:11px 16px;border-radius:8px;border:1px solid #cfd4dc;font-weight:600;color:#1d2330;text-decoration:none}
button.danger{background:#b42318;color:#fff}
.back{display:inline-block;margin:0 0 12px;color:#1f6feb;text-decoration:none;font-weight:600;font-size:.9rem}
.back:hover,a.link:hover{text-decoration:underline}
.error{background:#fdecea;color:#8a1c12;border-radius:8px;padding:10px 12px;margin:12px 0}
code{font:13px/1.4 ui-monospace,SFMono-Regular,Menlo,monospace;background:#f4f5f7;padding:1px 5px;border-radius:4px}
`;

function layout(title: string, body: string, opts: { wide?: boolean } = {}): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>${h(title)} · Dodo Payments simulator</title>
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
<style>${STYLE}</style>
</head>
<body>
<main${opts.wide ? ' class="wide"' : ""}>
${body}
<p class="muted">Served by <code>@dodopayments/simulator</code>. No real payment is made.</p>
</main>
</body>
</html>`;
}

export function renderMessagePage(title: string, message: string, extraHtml = ""): string {
  return layout(
    title,
    `<div class="card"><span class="badge">TEST MODE</span><h1>${h(title)}</h1><p>${h(message)}</p>${extraHtml}</div>`,
  );
}

function input(
  name: string,
  label: string,
  value: string | null | undefined,
  opts: { type?: string; required?: boolean; locked?: boolean; autocomplete?: string } = {},
): string {
  const id = `f_${name}`;
  return `<label for="${id}">${h(label)}</label><input id="${id}" name="${h(name)}" type="${opts.type ?? "text"}" value="${h(value ?? "")}"${opts.required ? " required" : ""}${opts.locked ? " readonly" : ""}${opts.autocomplete ? ` autocomplete="${opts.autocomplete}"` : ""}>`;
}

export interface CheckoutPageContext {
  checkout: CheckoutRecord;
  customer: Customer | undefined;
  error?: string;
}

/** One line of the order summary (with a price field for a pay-what-you-want product). */
function cartRow(checkout: CheckoutRecord, line: CartLine, i: number): string {
  const p = line.product;
  const pwyw = isPayWhatYouWant(p);
  const unit = line.amount ?? (pwyw ? suggestedPrice(p) : unitPrice(p));
  let billing = "";
  if (p.price.type === "recurring_price") {
    const every = p.price.payment_frequency_count;
    const unitName = p.price.payment_frequency_interval.toLowerCase();
    billing = `<div class="muted">Billed every ${every === 1 ? unitName : `${every} ${unitName}s`}${
      (checkout.trialPeriodDays ?? p.price.trial_period_days ?? 0) > 0
        ? `, ${checkout.trialPeriodDays ?? p.price.trial_period_days} day free trial`
        : ""
    }</div>`;
  }
  const amountInput = pwyw
    ? `<label for="f_amount_${i}">Your price (minor units, at least ${h(formatMoney(unitPrice(p), p.price.currency))})</label><input id="f_amount_${i}" name="amount_${i}" type="number" min="${unitPrice(p)}" step="1" value="${unit}">`
    : "";
  return `<tr><td><strong>${h(p.name ?? p.product_id)}</strong><div class="muted"><code>${h(p.product_id)}</code></div>${billing}${amountInput}</td><td class="num">${line.quantity}</td><td class="num">${h(formatMoney(unit * line.quantity, p.price.currency))}</td></tr>`;
}

export function renderCheckoutPage({ checkout, customer, error }: CheckoutPageContext): string {
  const currency = currencyOf(checkout.lines);
  const rows = checkout.lines.map((line, i) => cartRow(checkout, line, i)).join("");
  const total = totalOf(
    checkout.lines.map((l) => ({
      ...l,
      amount: l.amount ?? (isPayWhatYouWant(l.product) ? suggestedPrice(l.product) : undefined),
    })),
    checkout.trialPeriodDays,
  );
  const locked = new Set(checkout.lockedFields);
  const attached = Boolean(customer);
  const email = customer?.email ?? checkout.customer.email;
  const name = customer?.name ?? checkout.customer.name;
  const b = checkout.billing;
  // One name for the one step, whichever way the buyer got here; the line below the heading
  // says which kind of checkout it is.
  const heading = "Checkout";
  const kind =
    checkout.kind === "session"
      ? "Checkout session"
      : checkout.kind === "static_link"
        ? "Static payment link"
        : "Payment link";
  const currencyNote =
    checkout.displayCurrency && checkout.displayCurrency !== currency
      ? `<p class="muted">Requested payment currency: ${h(checkout.displayCurrency)} (the simulator charges in ${h(currency)}).</p>`
      : "";
  const discount = checkout.showDiscounts
    ? input("discount_code", "Discount code (not applied by the simulator)", "")
    : "";
  return layout(
    heading,
    `<div class="card">
<span class="badge">TEST MODE</span>
<h1>${h(heading)}</h1>
<p class="muted" data-testid="checkout-kind">${kind} <code>${h(checkout.id)}</code></p>
${error ? `<div class="error" role="alert">${h(error)}</div>` : ""}
<form method="post" action="/checkout/${encodeURIComponent(checkout.id)}/pay">
<h2>Order summary</h2>
<table>
<thead><tr><th>Product</th><th class="num">Qty</th><th class="num">Amount</th></tr></thead>
<tbody>${rows}</tbody>
<tfoot><tr><td colspan="2">Total due today</td><td class="num" data-testid="total">${h(formatMoney(total, currency))}</td></tr></tfoot>
</table>
${currencyNote}
<h2>Customer</h2>
${input("email", "Email", email, { type: "email", required: true, locked: attached || locked.has("email"), autocomplete: "email" })}
${input("name", "Full name", name, { locked: attached || locked.has("name"), autocomplete: "name" })}
<h2>Billing address</h2>
${input("street", "Address", b.street, { locked: locked.has("street"), autocomplete: "street-address" })}
<div class="row"><div>${input("city", "City", b.city, { locked: locked.has("city") })}</div><div>${input("state", "State", b.state, { locked: locked.has("state") })}</div></div>
<div class="row"><div>${input("zipcode", "ZIP / postal code", b.zipcode, { locked: locked.has("zipcode") })}</div><div>${input("country", "Country (ISO code)", b.country ?? "US", { locked: locked.has("country") })}</div></div>
${discount}
<div class="actions">
<button type="submit" class="pay">Pay</button>
<button type="submit" class="fail" formaction="/checkout/${encodeURIComponent(checkout.id)}/fail" formnovalidate>Fail</button>
</div>
</form>
</div>`,
  );
}

export interface PortalPageContext {
  sessionId: string;
  customer: Customer;
  subscriptions: SubscriptionRecord[];
  payments: PaymentRecord[];
  returnUrl: string | null;
}

export function renderPortalPage(ctx: PortalPageContext): string {
  const subs = ctx.subscriptions.length
    ? `<div class="scroll"><table><thead><tr><th>Subscription</th><th>Status</th><th class="nowrap">Next billing</th><th></th></tr></thead><tbody>${ctx.subscriptions
        .map(
          (s) =>
            `<tr><td><strong>${h(s.product.name ?? s.product.product_id)}</strong><div class="muted"><code>${h(s.subscription_id)}</code></div></td><td>${h(s.status)}</td><td class="nowrap">${h(s.next_billing_date.slice(0, 10))}</td><td class="num">${
              s.status === "active"
                ? `<a class="link" href="${h(cancelPath(ctx.sessionId, s.subscription_id))}">Cancel</a>`
                : ""
            }</td></tr>`,
        )
        .join("")}</tbody></table></div>`
    : `<p class="muted">No subscriptions.</p>`;
  const pays = ctx.payments.length
    ? `<div class="scroll"><table><thead><tr><th>Payment</th><th class="nowrap">Date</th><th>Status</th><th class="num">Amount</th></tr></thead><tbody>${ctx.payments
        .map(
          (p) =>
            `<tr><td><code>${h(p.payment_id)}</code></td><td class="nowrap" data-testid="payment-date">${h(p.created_at.slice(0, 10))}</td><td>${h(p.status)}</td><td class="num">${h(formatMoney(p.total_amount, p.currency))}</td></tr>`,
        )
        .join("")}</tbody></table></div>`
    : `<p class="muted">No payments.</p>`;
  return layout(
    "Customer portal",
    `${backLink(ctx.returnUrl)}<div class="card">
<span class="badge">TEST MODE</span>
<h1>Customer portal</h1>
<p><strong>${h(ctx.customer.name)}</strong><br><span data-testid="customer-email">${h(ctx.customer.email)}</span><br><span class="muted"><code>${h(ctx.customer.customer_id)}</code></span></p>
<h2>Subscriptions</h2>
${subs}
<h2>Payments</h2>
${pays}
</div>`,
    { wide: true },
  );
}

/** The portal's page that asks before cancelling. */
export function cancelPath(sessionId: string, subscriptionId: string): string {
  return `/portal/${encodeURIComponent(sessionId)}/subscriptions/${encodeURIComponent(subscriptionId)}/cancel`;
}

/** "Back to <host>": the return URL the portal session was created with, when it has one. */
function backLink(returnUrl: string | null): string {
  if (!returnUrl) return "";
  let where = returnUrl;
  try {
    where = new URL(returnUrl).host || returnUrl;
  } catch {
    // Shown as given.
  }
  return `<a class="back" href="${h(returnUrl)}" data-testid="return-link">&larr; Back to ${h(where)}</a>`;
}

export interface CancelPageContext {
  sessionId: string;
  subscription: SubscriptionRecord;
  returnUrl: string | null;
}

/** Asks "Cancel this subscription?"; only its form's POST cancels. */
export function renderCancelPage({
  sessionId,
  subscription: s,
  returnUrl,
}: CancelPageContext): string {
  const portal = `/portal/${encodeURIComponent(sessionId)}`;
  return layout(
    "Cancel subscription",
    `${backLink(returnUrl)}<div class="card">
<span class="badge">TEST MODE</span>
<h1>Cancel your subscription?</h1>
<p><strong>${h(s.product.name ?? s.product.product_id)}</strong> <span class="muted"><code>${h(s.subscription_id)}</code></span></p>
<p>It is cancelled now, not at the end of the billing period, and <code>subscription.cancelled</code> is sent to the app's webhook.</p>
<form method="post" action="${h(cancelPath(sessionId, s.subscription_id))}">
<div class="actions">
<a class="button" href="${h(portal)}">Keep subscription</a>
<button type="submit" class="danger">Cancel subscription</button>
</div>
</form>
</div>`,
  );
}
