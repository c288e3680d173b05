// The store's records in the SDK's shapes: what the API answers and webhooks carry.

import { unitPrice } from "../products.js";
import { subscriptionExtras } from "../sample-data.js";
import type {
  CheckoutSessionStatus,
  Payment,
  PaymentListResponse,
  Subscription,
  SubscriptionListResponse,
} from "../sdk-types.js";
import { pick } from "../util.js";
import type { CheckoutRecord, PaymentRecord, SubscriptionRecord } from "./records.js";
import type { Store } from "./store.js";

/** The fields of a `Payment` that `GET /payments` lists (with `has_license_key`). */
const PAYMENT_LIST_FIELDS = [
  "payment_id",
  "brand_id",
  "created_at",
  "status",
  "total_amount",
  "currency",
  "customer",
  "digital_products_delivered",
  "is_multi_subscription",
  "metadata",
  "payment_provider",
  "subscription_ids",
  "subscription_id",
  "payment_method",
  "payment_method_type",
  "card_last_four",
  "card_network",
  "invoice_id",
] as const satisfies ReadonlyArray<keyof Payment & keyof PaymentListResponse>;

/** The fields of a `Subscription` that `GET /subscriptions` lists (with the product name). */
const SUBSCRIPTION_LIST_FIELDS = [
  "subscription_id",
  "product_id",
  "status",
  "quantity",
  "currency",
  "recurring_pre_tax_amount",
  "tax_inclusive",
  "payment_frequency_count",
  "payment_frequency_interval",
  "subscription_period_count",
  "subscription_period_interval",
  "trial_period_days",
  "created_at",
  "previous_billing_date",
  "next_billing_date",
  "cancel_at_next_billing_date",
  "cancelled_at",
  "on_demand",
  "has_payment_method",
  "billing",
  "customer",
  "metadata",
] as const satisfies ReadonlyArray<keyof Subscription & keyof SubscriptionListResponse>;

export function toPayment(store: Store, p: PaymentRecord): Payment {
  const oneTime = p.lines.filter((l) => !l.product.is_recurring);
  return {
    payment_id: p.payment_id,
    business_id: store.businessId,
    brand_id: store.businessId,
    created_at: p.created_at,
    updated_at: p.updated_at,
    status: p.status,
    total_amount: p.total_amount,
    currency: p.currency,
    settlement_amount: p.total_amount,
    settlement_currency: p.currency,
    settlement_tax: 0,
    tax: 0,
    billing: p.billing,
    customer: store.limitedCustomer(p.customer_id),
    digital_products_delivered: false,
    disputes: [],
    refunds: [],
    is_multi_subscription: p.subscription_ids.length > 1,
    is_update_payment_method: false,
    metadata: p.metadata,
    payment_provider: "dodo",
    retry_attempt: 0,
    subscription_ids: p.subscription_ids,
    subscription_id: p.subscription_ids[0] ?? null,
    // Dodo fills product_cart for one-time purchases only.
    product_cart:
      p.subscription_ids.length === 0
        ? oneTime.map((l) => ({ product_id: l.product.product_id, quantity: l.quantity }))
        : null,
    checkout_session_id: p.checkout_session_id,
    payment_link: p.payment_link,
    payment_method: p.status === "succeeded" || p.status === "failed" ? "card" : null,
    payment_method_type: p.status === "succeeded" || p.status === "failed" ? "credit" : null,
    card_last_four: p.status === "succeeded" ? "4242" : p.status === "failed" ? "0002" : null,
    card_network: p.status === "succeeded" || p.status === "failed" ? "VISA" : null,
    card_type: p.status === "succeeded" || p.status === "failed" ? "CREDIT" : null,
    card_issuing_country: p.status === "succeeded" ? p.billing.country : null,
    error_code: p.error_code,
    error_message: p.error_message,
    discount_id: null,
    invoice_id: p.status === "succeeded" ? `inv_${p.payment_id.slice(4)}` : null,
  } satisfies Payment;
}

/** A payment as `GET /payments` lists it. */
export function toPaymentListItem(store: Store, p: PaymentRecord): PaymentListResponse {
  return {
    ...pick(toPayment(store, p), PAYMENT_LIST_FIELDS),
    has_license_key: false,
  } satisfies PaymentListResponse;
}

/** A subscription as `GET /subscriptions` lists it. */
export function toSubscriptionListItem(
  store: Store,
  s: SubscriptionRecord,
): SubscriptionListResponse {
  return {
    ...pick(toSubscription(store, s), SUBSCRIPTION_LIST_FIELDS),
    product_name: s.product.name,
    discounts: [],
  } satisfies SubscriptionListResponse;
}

export function toSubscription(store: Store, s: SubscriptionRecord): Subscription {
  const price = s.product.price;
  const recurring = price.type === "recurring_price" ? price : undefined;
  return {
    subscription_id: s.subscription_id,
    product_id: s.product.product_id,
    brand_id: store.businessId,
    status: s.status,
    quantity: s.quantity,
    currency: price.currency,
    recurring_pre_tax_amount: unitPrice(s.product) * s.quantity,
    tax_inclusive: price.tax_inclusive ?? false,
    payment_frequency_count: recurring?.payment_frequency_count ?? 1,
    payment_frequency_interval: recurring?.payment_frequency_interval ?? "Month",
    subscription_period_count: recurring?.subscription_period_count ?? 10,
    subscription_period_interval: recurring?.subscription_period_interval ?? "Year",
    trial_period_days: s.trial_period_days,
    created_at: s.created_at,
    previous_billing_date: s.previous_billing_date,
    next_billing_date: s.next_billing_date,
    cancel_at_next_billing_date: false,
    cancelled_at: s.cancelled_at,
    expires_at: null,
    paused_at: null,
    on_demand: false,
    has_payment_method: s.status === "active" || s.status === "cancelled",
    payment_method_id: null,
    billing: s.billing,
    customer: store.limitedCustomer(s.customer_id),
    metadata: s.metadata,
    ...subscriptionExtras(),
  } satisfies Subscription;
}

export function toCheckoutStatus(store: Store, c: CheckoutRecord): CheckoutSessionStatus {
  const payment = c.paymentId ? store.payments.get(c.paymentId) : undefined;
  const customer = payment
    ? store.customers.get(payment.customer_id)
    : c.customer.customer_id
      ? store.customers.get(c.customer.customer_id)
      : undefined;
  return {
    id: c.id,
    created_at: c.createdAt,
    customer_email: customer?.email ?? c.customer.email ?? null,
    customer_name: customer?.name ?? c.customer.name ?? null,
    payment_id: payment ? payment.payment_id : null,
    payment_status: payment ? payment.status : null,
  } satisfies CheckoutSessionStatus;
}
