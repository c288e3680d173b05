// POST /payments, GET /payments, GET /payments/:id

import type { SimulatorContext } from "../context.js";
import type { PaymentCreateResponse } from "../sdk-types.js";
import type { PaymentRecord } from "../store/index.js";
import { toPayment, toPaymentListItem } from "../store/index.js";
import type { ApiRoute } from "./handler.js";
import { ownerFilters } from "./list.js";
import {
  openLinkedPayment,
  parseBuyer,
  parseCart,
  parseReturn,
  resolveCustomer,
} from "./purchase.js";
import { resourceRoutes } from "./resource.js";

/** `POST /payments`: a one-time payment, paid on its hosted page `/pay/:id`. */
function createPayment(
  ctx: SimulatorContext,
  body: Record<string, unknown>,
): PaymentCreateResponse {
  const buyer = parseBuyer(ctx, body);
  const lines = parseCart(ctx, body.product_cart, { oneTimeOnly: true, amountRequired: true });
  const { returnUrl, metadata } = parseReturn(body);
  const { payment, fields } = openLinkedPayment(ctx, {
    kind: "payment_link",
    lines,
    customer: resolveCustomer(ctx, buyer.customer),
    billing: buyer.billing,
    returnUrl,
    metadata,
    wantsLink: body.payment_link === true,
  });
  return {
    ...fields,
    metadata,
    total_amount: payment.total_amount,
    product_cart: lines.map((l) => ({
      product_id: l.product.product_id,
      quantity: l.quantity,
      amount: l.amount ?? null,
    })),
  } satisfies PaymentCreateResponse;
}

export function paymentRoutes(ctx: SimulatorContext): ApiRoute[] {
  const { store } = ctx;
  return resourceRoutes<PaymentRecord>({
    collection: "/payments",
    name: "Payment",
    records: store.payments,
    order: "newest",
    filters: {
      ...ownerFilters(),
      subscription_id: (p, wanted) => p.subscription_ids[0] === wanted,
      product_id: (p, wanted) =>
        wanted === "" || p.lines.some((l) => l.product.product_id === wanted),
    },
    listView: (p) => toPaymentListItem(store, p),
    view: (p) => toPayment(store, p),
    create: (body) => createPayment(ctx, body),
  });
}
