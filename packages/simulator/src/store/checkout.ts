// The hosted checkout's two buttons: "Pay" and "Fail" (simulated), over the store.
import { isPayWhatYouWant, unitPrice } from "../products.js";
import type { BillingAddress, CountryCode, Customer } from "../sdk-types.js";
import { isoNow } from "../util.js";
import {
  type CheckoutForm,
  CheckoutInputError,
  type CheckoutOutcome,
  type CheckoutRecord,
  type PaymentRecord,
  type PendingEvent,
  type SubscriptionRecord,
  totalOf,
} from "./records.js";
import type { Store } from "./store.js";

/** Resolves who pays: the attached customer, or the email on the form (new or existing). */
function payer(store: Store, checkout: CheckoutRecord, form: CheckoutForm): Customer {
  if (checkout.customer.customer_id) {
    const existing = store.customers.get(checkout.customer.customer_id);
    if (existing) return existing;
  }
  const email = (form.email ?? checkout.customer.email ?? "").trim();
  if (!email) throw new CheckoutInputError("Enter an email address to pay.");
  if (!/^[^\s@]+@[^\s@]+$/.test(email)) {
    throw new CheckoutInputError(`"${email}" is not an email address.`);
  }
  return store.customerFor(
    email,
    form.name || checkout.customer.name,
    checkout.customer.phone_number,
  );
}

function billingFrom(checkout: CheckoutRecord, form: CheckoutForm): BillingAddress {
  const country = (form.country || checkout.billing.country || "US").toUpperCase();
  return {
    country: country as CountryCode,
    city: form.city || checkout.billing.city || null,
    state: form.state || checkout.billing.state || null,
    street: form.street || checkout.billing.street || null,
    zipcode: form.zipcode || checkout.billing.zipcode || null,
  };
}

function applyAmounts(checkout: CheckoutRecord, form: CheckoutForm): void {
  checkout.lines.forEach((line, i) => {
    if (!isPayWhatYouWant(line.product)) return;
    const chosen = form.amounts?.[i];
    if (chosen === undefined) return;
    const min = unitPrice(line.product);
    if (!Number.isInteger(chosen) || chosen < min) {
      throw new CheckoutInputError(
        `The amount for ${line.product.name ?? line.product.product_id} must be at least ${min} (minor units).`,
      );
    }
    line.amount = chosen;
  });
}

/** "Pay": records the payment (and subscriptions) and returns the events to deliver. */
export function completeCheckout(
  store: Store,
  checkout: CheckoutRecord,
  form: CheckoutForm,
): CheckoutOutcome {
  applyAmounts(checkout, form);
  const customer = payer(store, checkout, form);
  const billing = billingFrom(checkout, form);
  const events: PendingEvent[] = [];

  const subscriptions = subscriptionsFor(store, checkout, customer, billing);
  for (const s of subscriptions) {
    s.status = "active";
    s.customer_id = customer.customer_id;
    s.billing = billing;
  }

  const payment = paymentFor(store, checkout, customer, billing);
  payment.status = "succeeded";
  payment.updated_at = isoNow();
  payment.subscription_ids = subscriptions.map((s) => s.subscription_id);
  payment.total_amount = totalOf(checkout.lines, checkout.trialPeriodDays);
  for (const s of subscriptions) s.payment_ids.push(payment.payment_id);

  checkout.status = "succeeded";
  checkout.paymentId = payment.payment_id;
  checkout.subscriptionIds = payment.subscription_ids;

  // The documented order for a new subscription: subscription.active, then payment.succeeded.
  for (const s of subscriptions) events.push(store.subscriptionEvent("subscription.active", s));
  events.push(store.paymentEvent("payment.succeeded", payment));
  return { paymentId: payment.payment_id, subscriptionIds: checkout.subscriptionIds, events };
}

/** "Fail": records a declined payment and returns payment.failed (+ subscription.failed). */
export function failCheckout(
  store: Store,
  checkout: CheckoutRecord,
  form: CheckoutForm,
): CheckoutOutcome {
  const customer = payer(store, checkout, form);
  const billing = billingFrom(checkout, form);
  const subscriptions = subscriptionsFor(store, checkout, customer, billing);
  for (const s of subscriptions) {
    s.status = "failed";
    s.customer_id = customer.customer_id;
  }
  const payment = paymentFor(store, checkout, customer, billing);
  payment.status = "failed";
  payment.updated_at = isoNow();
  payment.error_code = "CARD_DECLINED";
  payment.error_message = "The card was declined (simulated failure).";
  payment.subscription_ids = subscriptions.map((s) => s.subscription_id);
  for (const s of subscriptions) s.payment_ids.push(payment.payment_id);
  checkout.status = "failed";
  checkout.paymentId = payment.payment_id;
  checkout.subscriptionIds = payment.subscription_ids;
  const events: PendingEvent[] = [store.paymentEvent("payment.failed", payment)];
  for (const s of subscriptions) events.push(store.subscriptionEvent("subscription.failed", s));
  return { paymentId: payment.payment_id, subscriptionIds: checkout.subscriptionIds, events };
}

function subscriptionsFor(
  store: Store,
  checkout: CheckoutRecord,
  customer: Customer,
  billing: BillingAddress,
): SubscriptionRecord[] {
  if (checkout.subscriptionIds.length > 0) {
    return checkout.subscriptionIds
      .map((id) => store.subscriptions.get(id))
      .filter((s): s is SubscriptionRecord => s !== undefined);
  }
  return checkout.lines
    .filter((l) => l.product.is_recurring)
    .map((l) =>
      store.newSubscription({
        product: l.product,
        quantity: l.quantity,
        customer_id: customer.customer_id,
        billing,
        metadata: checkout.metadata,
        trial_period_days: checkout.trialPeriodDays,
      }),
    );
}

function paymentFor(
  store: Store,
  checkout: CheckoutRecord,
  customer: Customer,
  billing: BillingAddress,
): PaymentRecord {
  const existing = checkout.paymentId ? store.payments.get(checkout.paymentId) : undefined;
  if (existing) {
    existing.customer_id = customer.customer_id;
    existing.billing = billing;
    existing.lines = checkout.lines;
    return existing;
  }
  return store.newPayment({
    customer_id: customer.customer_id,
    lines: checkout.lines,
    billing,
    metadata: checkout.metadata,
    checkout_session_id: checkout.kind === "session" ? checkout.id : null,
  });
}
