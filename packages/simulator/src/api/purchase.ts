// What the API's create routes share: the buyer, the cart, and the payment a link pays.
import type { SimulatorContext } from "../context.js";
import { ApiError } from "../http/respond.js";
import { isPayWhatYouWant, unitPrice } from "../products.js";
import type { BillingAddress, Customer, CustomerLimitedDetails, Metadata } from "../sdk-types.js";
import type { CartLine, CheckoutCustomer, CheckoutKind, PaymentRecord } from "../store/index.js";
import { isRecord, newId, randomToken } from "../util.js";
import {
  absoluteUrl,
  invalid,
  missing,
  notFound,
  optionalString,
  parseBilling,
  parseMetadata,
  parseQuantity,
  requiredString,
} from "./input.js";

/** `customer`: an existing `customer_id`, or an email (and name, phone) to find or create. */
export function parseCustomer(
  ctx: SimulatorContext,
  value: unknown,
  required: boolean,
): CheckoutCustomer | undefined {
  if (value === undefined || value === null) {
    if (required) throw missing("customer");
    return undefined;
  }
  if (!isRecord(value)) throw invalid("`customer` must be an object");
  if (value.customer_id !== undefined) {
    if (typeof value.customer_id !== "string") {
      throw invalid("`customer.customer_id` must be a string");
    }
    if (!ctx.store.customers.has(value.customer_id)) throw notFound("Customer", value.customer_id);
    return { customer_id: value.customer_id };
  }
  if (typeof value.email !== "string" || value.email === "") {
    throw invalid("`customer` needs either `customer_id` or `email`");
  }
  return {
    email: value.email,
    name: optionalString(value.name, "customer.name"),
    phone_number: optionalString(value.phone_number, "customer.phone_number") ?? null,
  };
}

/** The customer a parsed `customer` names, created when it is a new email. */
export function resolveCustomer(ctx: SimulatorContext, c: CheckoutCustomer): Customer {
  if (c.customer_id) return ctx.store.customers.get(c.customer_id) as Customer;
  return ctx.store.customerFor(c.email as string, c.name, c.phone_number);
}

function payWhatYouWantAmount(
  item: Record<string, unknown>,
  at: string,
  line: CartLine,
  required: boolean,
): void {
  if (item.amount === undefined || item.amount === null) {
    if (required) {
      throw new ApiError(
        422,
        "PAY_AS_YOU_WANT_AMOUNT_REQUIRED",
        "Amount is mandatory for pay as you want product",
      );
    }
    return;
  }
  if (typeof item.amount !== "number" || !Number.isInteger(item.amount)) {
    throw invalid(`\`${at}.amount\` must be an integer`);
  }
  if (item.amount < unitPrice(line.product)) {
    throw new ApiError(
      422,
      "REQUEST_AMOUNT_BELOW_MINIMUM",
      "Amount cannot be less than minimum amount specified for the product",
    );
  }
  line.amount = item.amount;
}

/** `product_cart`: known products, whole quantities, and an amount for pay-what-you-want ones. */
export function parseCart(
  ctx: SimulatorContext,
  value: unknown,
  mode: { oneTimeOnly: boolean; amountRequired: boolean },
): CartLine[] {
  if (value === undefined || value === null) throw missing("product_cart");
  if (!Array.isArray(value)) throw invalid("`product_cart` must be an array");
  if (value.length === 0) throw new ApiError(422, "PRODUCT_CART_EMPTY", "product_cart is empty");
  return value.map((item: unknown, i) => {
    const at = `product_cart[${i}]`;
    if (!isRecord(item)) throw invalid(`\`${at}\` must be an object`);
    const productId = requiredString(item.product_id, `${at}.product_id`);
    const quantity = parseQuantity(item.quantity, `${at}.quantity`);
    const product = ctx.store.products.get(productId);
    if (!product) throw notFound("Product", productId);
    if (mode.oneTimeOnly && product.is_recurring) {
      throw invalid(
        `Product ${product.product_id} is a subscription product; create it with POST /subscriptions`,
      );
    }
    const line: CartLine = { product, quantity };
    if (isPayWhatYouWant(product)) payWhatYouWantAmount(item, at, line, mode.amountRequired);
    return line;
  });
}

/** The buyer of `POST /payments` and `POST /subscriptions`: required billing and customer. */
export function parseBuyer(
  ctx: SimulatorContext,
  body: Record<string, unknown>,
): { billing: BillingAddress; customer: CheckoutCustomer } {
  const billing = parseBilling(body.billing, "billing");
  const customer = parseCustomer(ctx, body.customer, true) as CheckoutCustomer;
  return { billing, customer };
}

/** `return_url` and `metadata`, which every create route takes. */
export function parseReturn(body: Record<string, unknown>): {
  returnUrl: string | null;
  metadata: Metadata;
} {
  return {
    returnUrl: absoluteUrl(body.return_url, "return_url"),
    metadata: parseMetadata(body.metadata),
  };
}

export interface LinkedPaymentInit {
  kind: Extract<CheckoutKind, "payment_link" | "subscription_link">;
  lines: CartLine[];
  customer: Customer;
  billing: BillingAddress;
  returnUrl: string | null;
  metadata: Metadata;
  /** `payment_link: true` in the request: hand out the hosted page's URL. */
  wantsLink: boolean;
  subscriptionIds?: string[];
  trialPeriodDays?: number | null;
}

/** The fields both create responses carry about the payment they start. */
export interface LinkedPaymentFields {
  payment_id: string;
  client_secret: string;
  customer: CustomerLimitedDetails;
  payment_link: string | null;
  discount_id: null;
  expires_on: string;
}

/**
 * Records a payment awaiting its method and the hosted checkout (`/pay/:id`) that pays it;
 * returns the payment and the response fields that describe it.
 */
export function openLinkedPayment(
  ctx: SimulatorContext,
  init: LinkedPaymentInit,
): { payment: PaymentRecord; fields: LinkedPaymentFields } {
  const { kind, lines, customer, billing, returnUrl, metadata } = init;
  const paymentId = newId("pay");
  const paymentLink = init.wantsLink ? ctx.link(`/pay/${paymentId}`) : null;
  const customer_id = customer.customer_id;
  const payment = ctx.store.newPayment({
    payment_id: paymentId,
    customer_id,
    lines,
    billing,
    metadata,
    payment_link: paymentLink,
  });
  ctx.store.openCheckout({
    id: paymentId,
    kind,
    lines,
    customer: { customer_id },
    billing,
    returnUrl,
    metadata,
    paymentId,
    subscriptionIds: init.subscriptionIds ?? [],
    trialPeriodDays: init.trialPeriodDays ?? null,
    showDiscounts: true,
  });
  const fields: LinkedPaymentFields = {
    payment_id: paymentId,
    client_secret: `${paymentId}_secret_${randomToken(24)}`,
    customer: ctx.store.limitedCustomer(customer_id),
    payment_link: paymentLink,
    discount_id: null,
    expires_on: new Date(Date.now() + 24 * 3600_000).toISOString(),
  };
  return { payment, fields };
}
