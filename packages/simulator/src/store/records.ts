// The records the store keeps, and what a cart costs.
import type { AnyWebhookEnvelope } from "../events.js";
import { unitPrice } from "../products.js";
import type {
  BillingAddress,
  Currency,
  IntentStatus,
  Metadata,
  Product,
  SubscriptionStatus,
} from "../sdk-types.js";
import { addInterval } from "../util.js";

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

export function nextBillingDate(product: Product, from: Date, trialDays: number): Date {
  if (trialDays > 0) return addInterval(from, "Day", trialDays);
  const price = product.price;
  if (price.type === "recurring_price" || price.type === "usage_based_price") {
    return addInterval(from, price.payment_frequency_interval, price.payment_frequency_count);
  }
  return addInterval(from, "Month", 1);
}
