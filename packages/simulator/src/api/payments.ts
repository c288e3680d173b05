// POST /payments, GET /payments, GET /payments/:id
import type { SimulatorContext } from "../context.js";
import { route } from "../http/router.js";
import type { PaymentCreateResponse } from "../sdk-types.js";
import type { ApiRoute } from "./handler.js";
import { notFound, requireObject } from "./input.js";
import { listRoute, newestFirst } from "./list.js";
import {
  openLinkedPayment,
  parseBuyer,
  parseCart,
  parseReturn,
  resolveCustomer,
} from "./purchase.js";

/** `POST /payments`: a one-time payment, paid on its hosted page `/pay/:id`. */
function createPayment(ctx: SimulatorContext, input: unknown): PaymentCreateResponse {
  const body = requireObject(input);
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
  return [
    route("POST", "/payments", ({ body }) => createPayment(ctx, body)),
    route(
      "GET",
      "/payments",
      listRoute({
        items: () => newestFirst(store.payments),
        filters: {
          customer_id: (p, wanted) => p.customer_id === wanted,
          status: (p, wanted) => p.status === wanted,
          subscription_id: (p, wanted) => p.subscription_ids[0] === wanted,
          product_id: (p, wanted) =>
            wanted === "" || p.lines.some((l) => l.product.product_id === wanted),
        },
        view: (p) => store.toPaymentListItem(p),
      }),
    ),
    route("GET", "/payments/:id", ({ params: { id } }) => {
      const payment = store.payments.get(id as string);
      if (!payment) throw notFound("Payment", id);
      return store.toPayment(payment);
    }),
  ];
}
