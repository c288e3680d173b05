// POST /checkouts, GET /checkouts/:id (checkout sessions, paid on the hosted page /session/:id)
import type { SimulatorContext } from "../context.js";
import { route } from "../http/router.js";
import type { BillingAddress, CheckoutSessionResponse } from "../sdk-types.js";
import { isRecord, newId } from "../util.js";
import type { ApiRoute } from "./handler.js";
import { invalid, notFound, parseBilling, requireObject } from "./input.js";
import { parseCart, parseCustomer, parseReturn } from "./purchase.js";

function parseTrialDays(subscriptionData: unknown): number | null {
  if (!isRecord(subscriptionData)) return null;
  const t = subscriptionData.trial_period_days;
  if (t === undefined || t === null) return null;
  if (typeof t !== "number" || !Number.isInteger(t) || t < 0) {
    throw invalid("`subscription_data.trial_period_days` must be a non-negative integer");
  }
  return t;
}

function createSession(ctx: SimulatorContext, input: unknown): CheckoutSessionResponse {
  const body = requireObject(input);
  const lines = parseCart(ctx, body.product_cart, { oneTimeOnly: false, amountRequired: false });
  const customer = parseCustomer(ctx, body.customer, false) ?? {};
  let billing: Partial<BillingAddress> = {};
  if (body.billing_address !== undefined && body.billing_address !== null) {
    billing = parseBilling(body.billing_address, "billing_address");
  }
  const { returnUrl, metadata } = parseReturn(body);
  const trialPeriodDays = parseTrialDays(body.subscription_data);
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
    route("POST", "/checkouts", ({ body }) => createSession(ctx, body)),
    route("GET", "/checkouts/:id", ({ params: { id } }) => {
      const c = ctx.store.checkouts.get(id as string);
      if (c?.kind !== "session") throw notFound("Checkout session", id);
      return ctx.store.toCheckoutStatus(c);
    }),
  ];
}
