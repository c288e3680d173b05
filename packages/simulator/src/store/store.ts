import type { WebhookEnvelope, WebhookEventDataMap } from "../events.js";
import { normalizeProduct, type ProductInput } from "../products.js";
import type {
  BillingAddress,
  Customer,
  CustomerLimitedDetails,
  IntentStatus,
  Metadata,
  PaymentData,
  Product,
  SubscriptionData,
  SubscriptionStatus,
  WebhookEventType,
} from "../sdk-types.js";
import { isoNow, newId } from "../util.js";
import {
  type CheckoutRecord,
  type CustomerInput,
  currencyOf,
  nextBillingDate,
  type PaymentRecord,
  type PendingEvent,
  type PortalSessionRecord,
  type SubscriptionRecord,
  totalOf,
} from "./records.js";
import { toPayment, toSubscription } from "./views.js";

/** The simulator's in-memory data. */
export class Store {
  readonly products: Map<string, Product> = new Map();
  readonly customers: Map<string, Customer> = new Map();
  readonly payments = new Map<string, PaymentRecord>();
  readonly subscriptions = new Map<string, SubscriptionRecord>();
  readonly checkouts = new Map<string, CheckoutRecord>();
  readonly portalSessions = new Map<string, PortalSessionRecord>();

  constructor(readonly businessId: string) {}

  addProduct(input: ProductInput): Product {
    const product = normalizeProduct(input, this.businessId, isoNow());
    this.products.set(product.product_id, product);
    return product;
  }

  addCustomer(input: CustomerInput): Customer {
    if (typeof input.email !== "string" || input.email === "") {
      throw new TypeError("a customer needs an email");
    }
    const customer: Customer = {
      customer_id: input.customer_id ?? newId("cus"),
      email: input.email,
      name: input.name ?? input.email.split("@")[0] ?? input.email,
      phone_number: input.phone_number ?? null,
      metadata: input.metadata ?? {},
      business_id: this.businessId,
      created_at: isoNow(),
    } satisfies Customer;
    this.customers.set(customer.customer_id, customer);
    return customer;
  }

  findCustomerByEmail(email: string): Customer | undefined {
    const wanted = email.trim().toLowerCase();
    for (const c of this.customers.values()) {
      if (c.email.toLowerCase() === wanted) return c;
    }
    return undefined;
  }

  /** Finds a customer by email, or creates one; updates nothing on an existing customer. */
  customerFor(email: string, name?: string | null, phone?: string | null): Customer {
    return (
      this.findCustomerByEmail(email) ??
      this.addCustomer({ email: email.trim(), name: name ?? undefined, phone_number: phone })
    );
  }

  limitedCustomer(customerId: string): CustomerLimitedDetails {
    const c = this.customers.get(customerId);
    if (!c) throw new Error(`unknown customer ${customerId}`);
    return {
      customer_id: c.customer_id,
      email: c.email,
      name: c.name,
      phone_number: c.phone_number ?? null,
      metadata: c.metadata ?? {},
    } satisfies CustomerLimitedDetails;
  }

  // ---- events ----

  envelope<T extends WebhookEventType>(type: T, data: WebhookEventDataMap[T]): WebhookEnvelope<T> {
    return { business_id: this.businessId, type, timestamp: isoNow(), data };
  }

  paymentEvent(type: "payment.succeeded" | "payment.failed", p: PaymentRecord): PendingEvent {
    const data: PaymentData = { ...toPayment(this, p), payload_type: "Payment" };
    return type === "payment.succeeded"
      ? this.envelope("payment.succeeded", data)
      : this.envelope("payment.failed", data);
  }

  subscriptionEvent(
    type: "subscription.active" | "subscription.failed" | "subscription.cancelled",
    s: SubscriptionRecord,
  ): PendingEvent {
    const data: SubscriptionData = {
      ...toSubscription(this, s),
      payload_type: "Subscription",
      past_due_ends_at: null,
    };
    switch (type) {
      case "subscription.active":
        return this.envelope("subscription.active", data);
      case "subscription.failed":
        return this.envelope("subscription.failed", data);
      case "subscription.cancelled":
        return this.envelope("subscription.cancelled", data);
    }
  }

  // ---- creation ----

  newPayment(
    init: Pick<PaymentRecord, "customer_id" | "lines" | "billing" | "metadata"> & {
      payment_id?: string;
      checkout_session_id?: string | null;
      payment_link?: string | null;
      status?: IntentStatus;
    },
  ): PaymentRecord {
    const now = isoNow();
    const record: PaymentRecord = {
      payment_id: init.payment_id ?? newId("pay"),
      status: init.status ?? "requires_payment_method",
      created_at: now,
      updated_at: now,
      customer_id: init.customer_id,
      lines: init.lines,
      total_amount: totalOf(init.lines, null),
      currency: currencyOf(init.lines),
      billing: init.billing,
      metadata: init.metadata,
      subscription_ids: [],
      checkout_session_id: init.checkout_session_id ?? null,
      payment_link: init.payment_link ?? null,
      error_code: null,
      error_message: null,
    };
    this.payments.set(record.payment_id, record);
    return record;
  }

  /** Records a checkout the hosted page can show (a session, a payment link or a static link). */
  openCheckout(
    init: Partial<CheckoutRecord> & Pick<CheckoutRecord, "id" | "kind" | "lines">,
  ): CheckoutRecord {
    const record: CheckoutRecord = {
      customer: {},
      billing: {},
      returnUrl: null,
      metadata: {},
      createdAt: isoNow(),
      status: "open",
      paymentId: null,
      subscriptionIds: [],
      trialPeriodDays: null,
      lockedFields: [],
      showDiscounts: false,
      displayCurrency: null,
      ...init,
    };
    this.checkouts.set(record.id, record);
    return record;
  }

  newSubscription(init: {
    product: Product;
    quantity: number;
    customer_id: string;
    billing: BillingAddress;
    metadata: Metadata;
    trial_period_days?: number | null;
    status?: SubscriptionStatus;
  }): SubscriptionRecord {
    const now = new Date();
    const price = init.product.price;
    const trial =
      init.trial_period_days ?? (price.type === "recurring_price" ? price.trial_period_days : 0);
    const record: SubscriptionRecord = {
      subscription_id: newId("sub"),
      product: init.product,
      quantity: init.quantity,
      status: init.status ?? "pending",
      customer_id: init.customer_id,
      created_at: now.toISOString(),
      previous_billing_date: now.toISOString(),
      next_billing_date: nextBillingDate(init.product, now, trial ?? 0).toISOString(),
      cancelled_at: null,
      billing: init.billing,
      metadata: init.metadata,
      trial_period_days: trial ?? 0,
      payment_ids: [],
    };
    this.subscriptions.set(record.subscription_id, record);
    return record;
  }

  /** Cancels a subscription from the portal; returns the event to deliver. */
  cancelSubscription(s: SubscriptionRecord): PendingEvent {
    s.status = "cancelled";
    s.cancelled_at = isoNow();
    return this.subscriptionEvent("subscription.cancelled", s);
  }
}
