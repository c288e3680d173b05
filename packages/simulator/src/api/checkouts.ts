// POST /checkouts, GET /checkouts/:id (checkout sessions, paid on the hosted page /session/:id)

import type { SimulatorContext } from "../context.js";
import type { BillingAddress, CheckoutSessionResponse } from "../sdk-types.js";
import { toCheckoutStatus } from "../store/index.js";
import { isRecord, newId } from "../util.js";
import { type ApiRoute, createRoute, retrieveRoute } from "./handler.js";
import { parseBilling, parseTrialDays } from "./input.js";
import { parseCart, parseCustomer, parseReturn } from "./purchase.js";

function createSession(
  ctx: SimulatorContext,
  body: Record<string, unknown>,
): CheckoutSessionResponse {
  const lines = parseCart(ctx, body.product_cart, { oneTimeOnly: false, amountRequired: false });
  const customer = parseCustomer(ctx, body.customer, false) ?? {};
  let billing: Partial<BillingAddress> = {};
  if (body.billing_address !== undefined && body.billing_address !== null) {
    billing = parseBilling(body.billing_address, "billing_address");
  }
  const { returnUrl, metadata } = parseReturn(body);
  const trialPeriodDays = isRecord(body.subscription_data)
    ? parseTrialDays(
        body.subscription_data.trial_period_days,
        "subscription_data.trial_period_days",
      )
    : null;
  const flags = isRecord(body.feature_flags) ? body.feature_flags : {};
  const id = newId("cks");
  ctx.store.openCheckout({
    id,
    kind: "session",
    lines,
    customer,
    billing,
    returnUrl,
    metadata,
    trialPeriodDays,
    showDiscounts: flags.allow_discount_code === true,
  });
  return {
    session_id: id,
    checkout_url: ctx.link(`/session/${id}`),
  } satisfies CheckoutSessionResponse;
}

export function checkoutRoutes(ctx: SimulatorContext): ApiRoute[] {
  return [
    createRoute("/checkouts", (body) => createSession(ctx, body)),
    retrieveRoute(
      "/checkouts",
      "Checkout session",
      (id) => {
        const c = ctx.store.checkouts.get(id);
        return c?.kind === "session" ? c : undefined;
      },
      (c) => toCheckoutStatus(ctx.store, c),
    ),
  ];
}
