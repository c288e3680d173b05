// POST /subscriptions, GET /subscriptions, GET /subscriptions/:id
import type { SimulatorContext } from "../context.js";
import { route } from "../http/router.js";
import { unitPrice } from "../products.js";
import type { SubscriptionCreateResponse } from "../sdk-types.js";
import type { ApiRoute } from "./handler.js";
import { invalid, notFound, parseQuantity, requiredString, requireObject } from "./input.js";
import { listRoute, newestFirst } from "./list.js";
import { openLinkedPayment, parseBuyer, parseReturn, resolveCustomer } from "./purchase.js";

function parseTrialDays(value: unknown): number | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0 || value > 10_000) {
    throw invalid("`trial_period_days` must be an integer from 0 to 10000");
  }
  return value;
}

/** `POST /subscriptions`: a pending subscription whose first payment is paid on `/pay/:id`. */
function createSubscription(ctx: SimulatorContext, input: unknown): SubscriptionCreateResponse {
  const body = requireObject(input);
  const buyer = parseBuyer(ctx, body);
  const productId = requiredString(body.product_id, "product_id");
  const quantity = parseQuantity(body.quantity, "quantity");
  const product = ctx.store.products.get(productId);
  if (!product) throw notFound("Product", productId);
  if (!product.is_recurring) {
    throw invalid(`Product ${product.product_id} is not a subscription product`);
  }
  const { returnUrl, metadata } = parseReturn(body);
  const trial = parseTrialDays(body.trial_period_days);
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
  return [
    route("POST", "/subscriptions", ({ body }) => createSubscription(ctx, body)),
    route(
      "GET",
      "/subscriptions",
      listRoute({
        items: () => newestFirst(store.subscriptions),
        filters: {
          customer_id: (s, wanted) => s.customer_id === wanted,
          status: (s, wanted) => s.status === wanted,
          product_id: (s, wanted) => s.product.product_id === wanted,
        },
        view: (s) => store.toSubscriptionListItem(s),
      }),
    ),
    route("GET", "/subscriptions/:id", ({ params: { id } }) => {
      const s = store.subscriptions.get(id as string);
      if (!s) throw notFound("Subscription", id);
      return store.toSubscription(s);
    }),
  ];
}
