import type { AnyWebhookEnvelope, WebhookEnvelope, WebhookEventDataMap } from "./events.js";
import { isPayWhatYouWant, normalizeProduct, type ProductInput, unitPrice } from "./products.js";
import type {
  BillingAddress,
  CheckoutSessionStatus,
  CountryCode,
  Currency,
  Customer,
  CustomerLimitedDetails,
  IntentStatus,
  Metadata,
  Payment,
  PaymentData,
  PaymentListResponse,
  Product,
  Subscription,
  SubscriptionData,
  SubscriptionListResponse,
  SubscriptionStatus,
  WebhookEventType,
} from "./sdk-types.js";
import { addInterval, isoNow, newId, pick } from "./util.js";

/** A customer to seed. `customer_id` is generated when omitted. */
export interface CustomerInput {
  customer_id?: string;
  email: string;
  name?: string;
  phone_number?: string | null;
  metadata?: Metadata;
}

export const DEFAULT_CUSTOMERS: readonly CustomerInput[] = [
  { customer_id: "cus_demo", email: "demo@example.com", name: "Demo Customer" },
];

export interface CartLine {
  product: Product;
  quantity: number;
  /** The unit amount the customer pays (pay what you want), in minor units. */
  amount?: number;
}

export interface PaymentRecord {
  payment_id: string;
  status: IntentStatus;
  created_at: string;
  updated_at: string;
  customer_id: string;
  lines: CartLine[];
  total_amount: number;
  currency: Currency;
  billing: BillingAddress;
  metadata: Metadata;
  subscription_ids: string[];
  checkout_session_id: string | null;
  payment_link: string | null;
  error_code: string | null;
  error_message: string | null;
}

export interface SubscriptionRecord {
  subscription_id: string;
  product: Product;
  quantity: number;
  status: SubscriptionStatus;
  customer_id: string;
  created_at: string;
  previous_billing_date: string;
  next_billing_date: string;
  cancelled_at: string | null;
  billing: BillingAddress;
  metadata: Metadata;
  trial_period_days: number;
  payment_ids: string[];
}

/** Customer details known to a checkout before the customer pays. */
export interface CheckoutCustomer {
  customer_id?: string;
  email?: string;
  name?: string;
  phone_number?: string | null;
}

export type CheckoutKind = "session" | "payment_link" | "subscription_link" | "static_link";

/** Anything the hosted checkout page can show: a session, a payment link or a static link. */
export interface CheckoutRecord {
  id: string;
  kind: CheckoutKind;
  lines: CartLine[];
  customer: CheckoutCustomer;
  billing: Partial<BillingAddress>;
  returnUrl: string | null;
  metadata: Metadata;
  createdAt: string;
  status: "open" | "succeeded" | "failed";
  /** Pre-assigned for payment links; set when a session is paid or fails. */
  paymentId: string | null;
  /** Pre-assigned for subscription links; set when a session with subscriptions is paid. */
  subscriptionIds: string[];
  trialPeriodDays: number | null;
  /** Static links: fields the page shows read-only (`disableEmail=true`, ...). */
  lockedFields: string[];
  showDiscounts: boolean;
  /** Static links: the currency asked for with `paymentCurrency` (display only). */
  displayCurrency: string | null;
}

export interface PortalSessionRecord {
  id: string;
  customer_id: string;
  return_url: string | null;
  send_email: boolean;
  created_at: string;
}

export type PendingEvent = AnyWebhookEnvelope;

export interface CheckoutOutcome {
  paymentId: string;
  subscriptionIds: string[];
  events: PendingEvent[];
}

/** What the form on the checkout page submits. */
export interface CheckoutForm {
  email?: string;
  name?: string;
  country?: string;
  street?: string;
  city?: string;
  state?: string;
  zipcode?: string;
  /** Pay what you want: unit amount per line index, in minor units. */
  amounts?: Record<number, number>;
}

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

  // ---- views in the SDK's shapes ----

  toPayment(p: PaymentRecord): Payment {
    const oneTime = p.lines.filter((l) => !l.product.is_recurring);
    return {
      payment_id: p.payment_id,
      business_id: this.businessId,
      brand_id: this.businessId,
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
      customer: this.limitedCustomer(p.customer_id),
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
  toPaymentListItem(p: PaymentRecord): PaymentListResponse {
    return {
      ...pick(this.toPayment(p), PAYMENT_LIST_FIELDS),
      has_license_key: false,
    } satisfies PaymentListResponse;
  }

  /** A subscription as `GET /subscriptions` lists it. */
  toSubscriptionListItem(s: SubscriptionRecord): SubscriptionListResponse {
    return {
      ...pick(this.toSubscription(s), SUBSCRIPTION_LIST_FIELDS),
      product_name: s.product.name,
      discounts: [],
    } satisfies SubscriptionListResponse;
  }

  toSubscription(s: SubscriptionRecord): Subscription {
    const price = s.product.price;
    const recurring = price.type === "recurring_price" ? price : undefined;
    return {
      subscription_id: s.subscription_id,
      product_id: s.product.product_id,
      brand_id: this.businessId,
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
      customer: this.limitedCustomer(s.customer_id),
      metadata: s.metadata,
      addons: [],
      meters: [],
      credit_entitlement_cart: [],
      meter_credit_entitlement_cart: [],
      discount_id: null,
      discount_cycles_remaining: null,
    } satisfies Subscription;
  }

  toCheckoutStatus(c: CheckoutRecord): CheckoutSessionStatus {
    const payment = c.paymentId ? this.payments.get(c.paymentId) : undefined;
    const customer = payment
      ? this.customers.get(payment.customer_id)
      : c.customer.customer_id
        ? this.customers.get(c.customer.customer_id)
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

  // ---- events ----

  envelope<T extends WebhookEventType>(type: T, data: WebhookEventDataMap[T]): WebhookEnvelope<T> {
    return { business_id: this.businessId, type, timestamp: isoNow(), data };
  }

  paymentEvent(type: "payment.succeeded" | "payment.failed", p: PaymentRecord): PendingEvent {
    const data: PaymentData = { ...this.toPayment(p), payload_type: "Payment" };
    return type === "payment.succeeded"
      ? this.envelope("payment.succeeded", data)
      : this.envelope("payment.failed", data);
  }

  subscriptionEvent(
    type: "subscription.active" | "subscription.failed" | "subscription.cancelled",
    s: SubscriptionRecord,
  ): PendingEvent {
    const data: SubscriptionData = {
      ...this.toSubscription(s),
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

  // ---- the hosted checkout's two buttons ----

  /** Resolves who pays: the attached customer, or the email on the form (new or existing). */
  private payer(checkout: CheckoutRecord, form: CheckoutForm): Customer {
    if (checkout.customer.customer_id) {
      const existing = this.customers.get(checkout.customer.customer_id);
      if (existing) return existing;
    }
    const email = (form.email ?? checkout.customer.email ?? "").trim();
    if (!email) throw new CheckoutInputError("Enter an email address to pay.");
    if (!/^[^\s@]+@[^\s@]+$/.test(email)) {
      throw new CheckoutInputError(`"${email}" is not an email address.`);
    }
    return this.customerFor(
      email,
      form.name || checkout.customer.name,
      checkout.customer.phone_number,
    );
  }

  private billingFrom(checkout: CheckoutRecord, form: CheckoutForm): BillingAddress {
    const country = (form.country || checkout.billing.country || "US").toUpperCase();
    return {
      country: country as CountryCode,
      city: form.city || checkout.billing.city || null,
      state: form.state || checkout.billing.state || null,
      street: form.street || checkout.billing.street || null,
      zipcode: form.zipcode || checkout.billing.zipcode || null,
    };
  }

  private applyAmounts(checkout: CheckoutRecord, form: CheckoutForm): void {
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
  completeCheckout(checkout: CheckoutRecord, form: CheckoutForm): CheckoutOutcome {
    this.applyAmounts(checkout, form);
    const customer = this.payer(checkout, form);
    const billing = this.billingFrom(checkout, form);
    const events: PendingEvent[] = [];

    const subscriptions = this.subscriptionsFor(checkout, customer, billing);
    for (const s of subscriptions) {
      s.status = "active";
      s.customer_id = customer.customer_id;
      s.billing = billing;
    }

    const payment = this.paymentFor(checkout, customer, billing);
    payment.status = "succeeded";
    payment.updated_at = isoNow();
    payment.subscription_ids = subscriptions.map((s) => s.subscription_id);
    payment.total_amount = totalOf(checkout.lines, checkout.trialPeriodDays);
    for (const s of subscriptions) s.payment_ids.push(payment.payment_id);

    checkout.status = "succeeded";
    checkout.paymentId = payment.payment_id;
    checkout.subscriptionIds = payment.subscription_ids;

    // The documented order for a new subscription: subscription.active, then payment.succeeded.
    for (const s of subscriptions) events.push(this.subscriptionEvent("subscription.active", s));
    events.push(this.paymentEvent("payment.succeeded", payment));
    return { paymentId: payment.payment_id, subscriptionIds: checkout.subscriptionIds, events };
  }

  /** "Fail": records a declined payment and returns payment.failed (+ subscription.failed). */
  failCheckout(checkout: CheckoutRecord, form: CheckoutForm): CheckoutOutcome {
    const customer = this.payer(checkout, form);
    const billing = this.billingFrom(checkout, form);
    const subscriptions = this.subscriptionsFor(checkout, customer, billing);
    for (const s of subscriptions) {
      s.status = "failed";
      s.customer_id = customer.customer_id;
    }
    const payment = this.paymentFor(checkout, customer, billing);
    payment.status = "failed";
    payment.updated_at = isoNow();
    payment.error_code = "CARD_DECLINED";
    payment.error_message = "The card was declined (simulated failure).";
    payment.subscription_ids = subscriptions.map((s) => s.subscription_id);
    for (const s of subscriptions) s.payment_ids.push(payment.payment_id);
    checkout.status = "failed";
    checkout.paymentId = payment.payment_id;
    checkout.subscriptionIds = payment.subscription_ids;
    const events: PendingEvent[] = [this.paymentEvent("payment.failed", payment)];
    for (const s of subscriptions) events.push(this.subscriptionEvent("subscription.failed", s));
    return { paymentId: payment.payment_id, subscriptionIds: checkout.subscriptionIds, events };
  }

  private subscriptionsFor(
    checkout: CheckoutRecord,
    customer: Customer,
    billing: BillingAddress,
  ): SubscriptionRecord[] {
    if (checkout.subscriptionIds.length > 0) {
      return checkout.subscriptionIds
        .map((id) => this.subscriptions.get(id))
        .filter((s): s is SubscriptionRecord => s !== undefined);
    }
    return checkout.lines
      .filter((l) => l.product.is_recurring)
      .map((l) =>
        this.newSubscription({
          product: l.product,
          quantity: l.quantity,
          customer_id: customer.customer_id,
          billing,
          metadata: checkout.metadata,
          trial_period_days: checkout.trialPeriodDays,
        }),
      );
  }

  private paymentFor(
    checkout: CheckoutRecord,
    customer: Customer,
    billing: BillingAddress,
  ): PaymentRecord {
    const existing = checkout.paymentId ? this.payments.get(checkout.paymentId) : undefined;
    if (existing) {
      existing.customer_id = customer.customer_id;
      existing.billing = billing;
      existing.lines = checkout.lines;
      return existing;
    }
    return this.newPayment({
      customer_id: customer.customer_id,
      lines: checkout.lines,
      billing,
      metadata: checkout.metadata,
      checkout_session_id: checkout.kind === "session" ? checkout.id : null,
    });
  }

  /** Cancels a subscription from the portal; returns the event to deliver. */
  cancelSubscription(s: SubscriptionRecord): PendingEvent {
    s.status = "cancelled";
    s.cancelled_at = isoNow();
    return this.subscriptionEvent("subscription.cancelled", s);
  }
}

/** A problem with what the customer entered on the checkout page (shown on the page). */
export class CheckoutInputError extends Error {}

function lineAmount(line: CartLine): number {
  return (line.amount ?? unitPrice(line.product)) * line.quantity;
}

/** What the customer pays now: one-time lines, plus first periods of subscriptions not on trial. */
export function totalOf(lines: readonly CartLine[], trialPeriodDays: number | null): number {
  let total = 0;
  for (const line of lines) {
    if (line.product.is_recurring) {
      const price = line.product.price;
      const trial =
        trialPeriodDays ?? (price.type === "recurring_price" ? (price.trial_period_days ?? 0) : 0);
      if (trial > 0) continue;
    }
    total += lineAmount(line);
  }
  return total;
}

export function currencyOf(lines: readonly CartLine[]): Currency {
  return lines[0]?.product.price.currency ?? "USD";
}

function nextBillingDate(product: Product, from: Date, trialDays: number): Date {
  if (trialDays > 0) return addInterval(from, "Day", trialDays);
  const price = product.price;
  if (price.type === "recurring_price" || price.type === "usage_based_price") {
    return addInterval(from, price.payment_frequency_interval, price.payment_frequency_count);
  }
  return addInterval(from, "Month", 1);
}
