// The hosted checkout page: /session/:id, /pay/:id, and /checkout/:id/pay|fail|complete
import type { ServerResponse } from "node:http";
import type { SimulatorContext } from "../context.js";
import { redirect, sendHtml } from "../http/respond.js";
import { route } from "../http/router.js";
import {
  type CheckoutForm,
  CheckoutInputError,
  type CheckoutOutcome,
  type CheckoutRecord,
  completeCheckout,
  failCheckout,
} from "../store/index.js";
import { renderCheckoutPage } from "./html.js";
import { type PageRoute, showMessage } from "./page.js";

/** Shows the form of an open checkout, or says it has been used. */
export function showCheckout(
  ctx: SimulatorContext,
  res: ServerResponse,
  checkout: CheckoutRecord,
  status = 200,
  error?: string,
): void {
  if (checkout.status !== "open") {
    showMessage(
      res,
      409,
      "Checkout already completed",
      "This checkout has already been used. Start a new checkout to pay again.",
    );
    return;
  }
  const customer = checkout.customer.customer_id
    ? ctx.store.customers.get(checkout.customer.customer_id)
    : undefined;
  sendHtml(res, status, renderCheckoutPage({ checkout, customer, error }));
}

function parseForm(raw: Buffer): CheckoutForm & { amounts: Record<number, number> } {
  const form = new URLSearchParams(raw.toString("utf8"));
  const amounts: Record<number, number> = {};
  for (const [k, v] of form) {
    const m = /^amount_(\d+)$/.exec(k);
    if (m && v.trim() !== "") amounts[Number(m[1])] = Number(v);
  }
  const get = (k: string) => form.get(k)?.trim();
  return {
    email: get("email"),
    name: get("name"),
    country: get("country"),
    street: get("street"),
    city: get("city"),
    state: get("state"),
    zipcode: get("zipcode"),
    amounts,
  };
}

/** Where the buyer goes after paying (or failing): the return URL with the outcome, or our page. */
function outcomeLocation(
  checkout: CheckoutRecord,
  paymentId: string,
  subscriptionIds: string[],
  paid: boolean,
): string {
  const params: Record<string, string> =
    subscriptionIds.length > 0
      ? { subscription_id: subscriptionIds[0] as string, status: paid ? "active" : "failed" }
      : { payment_id: paymentId, status: paid ? "succeeded" : "failed" };
  if (!checkout.returnUrl) return `/checkout/${encodeURIComponent(checkout.id)}/complete`;
  const target = new URL(checkout.returnUrl);
  for (const [k, v] of Object.entries(params)) target.searchParams.set(k, v);
  return target.toString();
}

/** The Pay (or Fail) button: completes the checkout, sends its webhooks, redirects. */
function finishCheckout(
  ctx: SimulatorContext,
  res: ServerResponse,
  checkout: CheckoutRecord,
  raw: Buffer,
  pay: boolean,
): void {
  if (checkout.status !== "open") {
    showCheckout(ctx, res, checkout);
    return;
  }
  let outcome: CheckoutOutcome;
  try {
    const form = parseForm(raw);
    outcome = pay
      ? completeCheckout(ctx.store, checkout, form)
      : failCheckout(ctx.store, checkout, form);
  } catch (err) {
    if (!(err instanceof CheckoutInputError)) throw err;
    showCheckout(ctx, res, checkout, 400, err.message);
    return;
  }
  ctx.deliver(outcome.events);
  redirect(res, outcomeLocation(checkout, outcome.paymentId, outcome.subscriptionIds, pay));
}

function showOutcome(ctx: SimulatorContext, res: ServerResponse, checkout: CheckoutRecord): void {
  if (checkout.status === "open") {
    showCheckout(ctx, res, checkout);
    return;
  }
  const ok = checkout.status === "succeeded";
  const ids = [
    checkout.paymentId ? `<li>Payment: <code>${checkout.paymentId}</code></li>` : "",
    ...checkout.subscriptionIds.map((s) => `<li>Subscription: <code>${s}</code></li>`),
  ].join("");
  showMessage(
    res,
    200,
    ok ? "Payment complete" : "Payment failed",
    ok ? "Thank you! The payment succeeded." : "The payment was declined (simulated).",
    `<ul>${ids}</ul>`,
  );
}

/** A route on `/checkout/:id/...`: finds the checkout, or answers 404. */
function onCheckout(
  ctx: SimulatorContext,
  method: string,
  pattern: string,
  then: (res: ServerResponse, checkout: CheckoutRecord, raw: Buffer) => void,
): PageRoute {
  return route(method, pattern, (res, { params, raw }) => {
    const c = ctx.store.checkouts.get(params.id as string);
    if (!c) {
      showMessage(res, 404, "Checkout not found", "This checkout does not exist.");
      return;
    }
    then(res, c, raw);
  });
}

export function checkoutPageRoutes(ctx: SimulatorContext): PageRoute[] {
  return [
    route("GET", "/session/:id", (res, { params }) => {
      const c = ctx.store.checkouts.get(params.id as string);
      if (c?.kind !== "session") {
        showMessage(res, 404, "Checkout not found", "This checkout session does not exist.");
        return;
      }
      showCheckout(ctx, res, c);
    }),
    route("GET", "/pay/:id", (res, { params }) => {
      const c = ctx.store.checkouts.get(params.id as string);
      if (!c || (c.kind !== "payment_link" && c.kind !== "subscription_link")) {
        showMessage(res, 404, "Payment link not found", "This payment link does not exist.");
        return;
      }
      showCheckout(ctx, res, c);
    }),
    onCheckout(ctx, "POST", "/checkout/:id/pay", (res, c, raw) =>
      finishCheckout(ctx, res, c, raw, true),
    ),
    onCheckout(ctx, "POST", "/checkout/:id/fail", (res, c, raw) =>
      finishCheckout(ctx, res, c, raw, false),
    ),
    onCheckout(ctx, "GET", "/checkout/:id/complete", (res, c) => showOutcome(ctx, res, c)),
  ];
}
