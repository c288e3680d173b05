// POST /subscriptions, GET /subscriptions, GET /subscriptions/:id

import type { SimulatorContext } from "../context.js";
import { unitPrice } from "../products.js";
import type { SubscriptionCreateResponse } from "../sdk-types.js";
import type { SubscriptionRecord } from "../store/index.js";
import { toSubscription, toSubscriptionListItem } from "../store/index.js";
import type { ApiRoute } from "./handler.js";
import { invalid, notFound, parseQuantity, parseTrialDays, requiredString } from "./input.js";
import { ownerFilters } from "./list.js";
import { openLinkedPayment, parseBuyer, parseReturn, resolveCustomer } from "./purchase.js";
import { resourceRoutes } from "./resource.js";

/** `POST /subscriptions`: a pending subscription whose first payment is paid on `/pay/:id`. */
function createSubscription(
  ctx: SimulatorContext,
  body: Record<string, unknown>,
): SubscriptionCreateResponse {
  const buyer = parseBuyer(ctx, body);
  const productId = requiredString(body.product_id, "product_id");
  const quantity = parseQuantity(body.quantity, "quantity");
  const product = ctx.store.products.get(productId);
  if (!product) throw notFound("Product", productId);
  if (!product.is_recurring) {
    throw invalid(`Product ${product.product_id} is not a subscription product`);
  }
  const { returnUrl, metadata } = parseReturn(body);
  const trial = parseTrialDays(body.trial_period_days, "trial_period_days", 10_000);
  const customer = resolveCustomer(ctx, buyer.customer);
  const subscription = ctx.store.newSubscription({
    product,
    quantity,
    customer_id: customer.customer_id,
    billing: buyer.billing,
    metadata,
    trial_period_days: trial,
  });
  const { fields } = openLinkedPayment(ctx, {
    kind: "subscription_link",
    lines: [{ product, quantity }],
    customer,
    billing: buyer.billing,
    returnUrl,
    metadata,
    wantsLink: body.payment_link === true,
    subscriptionIds: [subscription.subscription_id],
    trialPeriodDays: trial,
  });
  return {
    ...fields,
    subscription_id: subscription.subscription_id,
    metadata,
    recurring_pre_tax_amount: unitPrice(product) * quantity,
    addons: [],
    payment_method_required: true,
    trial_amount: null,
  } satisfies SubscriptionCreateResponse;
}

export function subscriptionRoutes(ctx: SimulatorContext): ApiRoute[] {
  const { store } = ctx;
  return resourceRoutes<SubscriptionRecord>({
    collection: "/subscriptions",
    name: "Subscription",
    records: store.subscriptions,
    order: "newest",
    filters: {
      ...ownerFilters(),
      product_id: (s, wanted) => s.product.product_id === wanted,
    },
    listView: (s) => toSubscriptionListItem(store, s),
    view: (s) => toSubscription(store, s),
    create: (body) => createSubscription(ctx, body),
  });
}
