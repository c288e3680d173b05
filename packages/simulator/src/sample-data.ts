// Realistic `data` for a sample of every webhook event type, typed by the SDK.
import type { WebhookEventDataMap } from "./events.js";
import type {
  AbandonedCheckoutData,
  CreditLedgerEntryData,
  CustomerLimitedDetails,
  DisputeData,
  DunningAttemptData,
  EntitlementGrantData,
  PaymentData,
  PayoutData,
  RefundData,
  SubscriptionData,
  SubscriptionStatus,
  WebhookEventType,
} from "./sdk-types.js";
import { addInterval, newId } from "./util.js";

/** Values shared by every sample of one call, so ids inside one event agree with each other. */
export interface SampleContext {
  businessId: string;
  now: Date;
  customer: CustomerLimitedDetails;
  paymentId: string;
  subscriptionId: string;
  productId: string;
}

/** The billing address of every sample (a fresh object each time). */
function sampleBilling() {
  return {
    country: "US" as const,
    state: "CA",
    city: "San Francisco",
    street: "1 Market St",
    zipcode: "94105",
  };
}

function samplePayment(ctx: SampleContext, status: PaymentData["status"]): PaymentData {
  const failed = status === "failed";
  return {
    payload_type: "Payment",
    ...ofThePayment(ctx),
    updated_at: ctx.now.toISOString(),
    status,
    total_amount: 2999,
    currency: "USD",
    settlement_amount: 2999,
    settlement_currency: "USD",
    settlement_tax: 0,
    tax: 0,
    billing: sampleBilling(),
    customer: ctx.customer,
    digital_products_delivered: false,
    disputes: [],
    refunds: [],
    is_multi_subscription: false,
    is_update_payment_method: false,
    metadata: {},
    payment_provider: "dodo",
    retry_attempt: 0,
    subscription_ids: [],
    subscription_id: null,
    product_cart: [{ product_id: ctx.productId, quantity: 1 }],
    payment_method: "card",
    payment_method_type: "credit",
    card_last_four: "4242",
    card_network: "VISA",
    card_type: "CREDIT",
    card_issuing_country: "US",
    card_holder_name: ctx.customer.name,
    checkout_session_id: null,
    discount_id: null,
    error_code: failed ? "CARD_DECLINED" : null,
    error_message: failed ? "Your card was declined." : null,
    invoice_id: failed ? null : newId("inv"),
    payment_link: null,
  };
}

/** The parts of a `Subscription` the simulator never fills: no add-ons, meters or discounts. */
export function subscriptionExtras() {
  return {
    addons: [],
    meters: [],
    credit_entitlement_cart: [],
    meter_credit_entitlement_cart: [],
    discount_id: null,
    discount_cycles_remaining: null,
  };
}

function sampleSubscription(ctx: SampleContext, status: SubscriptionStatus): SubscriptionData {
  const next = addInterval(ctx.now, "Month", 1);
  return {
    payload_type: "Subscription",
    subscription_id: ctx.subscriptionId,
    product_id: ctx.productId,
    brand_id: ctx.businessId,
    status,
    quantity: 1,
    currency: "USD",
    recurring_pre_tax_amount: 1500,
    tax_inclusive: false,
    payment_frequency_count: 1,
    payment_frequency_interval: "Month",
    subscription_period_count: 1,
    subscription_period_interval: "Year",
    trial_period_days: 0,
    created_at: ctx.now.toISOString(),
    previous_billing_date: ctx.now.toISOString(),
    next_billing_date: next.toISOString(),
    cancel_at_next_billing_date: false,
    cancelled_at: status === "cancelled" ? ctx.now.toISOString() : null,
    paused_at: status === "paused" ? ctx.now.toISOString() : null,
    expires_at: null,
    on_demand: false,
    has_payment_method: true,
    payment_method_id: newId("pm"),
    billing: sampleBilling(),
    customer: ctx.customer,
    metadata: {},
    ...subscriptionExtras(),
    past_due_ends_at: status === "past_due" ? addInterval(ctx.now, "Day", 7).toISOString() : null,
  };
}

/** What a refund or dispute shares with the sample payment it is about. */
function ofThePayment(ctx: SampleContext) {
  return {
    payment_id: ctx.paymentId,
    business_id: ctx.businessId,
    brand_id: ctx.businessId,
    created_at: ctx.now.toISOString(),
  };
}

function sampleRefund(ctx: SampleContext, status: RefundData["status"]): RefundData {
  return {
    payload_type: "Refund",
    refund_id: newId("ref"),
    ...ofThePayment(ctx),
    customer: ctx.customer,
    is_partial: false,
    metadata: {},
    status,
    amount: 2999,
    currency: "USD",
    reason: "Requested by the customer",
  };
}

function sampleDispute(ctx: SampleContext, status: DisputeData["dispute_status"]): DisputeData {
  return {
    payload_type: "Dispute",
    dispute_id: newId("dsp"),
    ...ofThePayment(ctx),
    customer: ctx.customer,
    amount: "2999",
    currency: "USD",
    dispute_stage: "dispute",
    dispute_status: status,
    payment_provider: "dodo",
    reason: "fraudulent",
    remarks: null,
    is_resolved_by_rdr: false,
  };
}

function samplePayout(ctx: SampleContext, status: PayoutData["status"]): PayoutData {
  return {
    payload_type: "Payout",
    payout_id: newId("pout"),
    business_id: ctx.businessId,
    amount: 125000,
    currency: "USD",
    fee: 500,
    tax: 0,
    chargebacks: 0,
    refunds: 0,
    payment_method: "bank_transfer",
    status,
    created_at: ctx.now.toISOString(),
    updated_at: ctx.now.toISOString(),
    name: "Weekly payout",
    payout_document_url: null,
    remarks: status === "on_hold" ? "Pending verification" : null,
  };
}

function sampleCredit(
  ctx: SampleContext,
  transactionType: CreditLedgerEntryData["transaction_type"],
  isCredit: boolean,
): CreditLedgerEntryData {
  const before = 1000;
  const amount = 100;
  const after = isCredit ? before + amount : before - amount;
  return {
    payload_type: "CreditLedgerEntry",
    id: newId("cle"),
    business_id: ctx.businessId,
    brand_id: ctx.businessId,
    created_at: ctx.now.toISOString(),
    credit_entitlement_id: "cde_demo_credits",
    customer_id: ctx.customer.customer_id,
    transaction_type: transactionType,
    is_credit: isCredit,
    amount: String(amount),
    balance_before: String(before),
    balance_after: String(after),
    overage_before: "0",
    overage_after: transactionType === "overage_charged" ? String(amount) : "0",
    metadata: {},
    description: `Simulated ${transactionType.replace(/_/g, " ")}`,
    grant_id: null,
    reference_id: ctx.subscriptionId,
    reference_type: "subscription",
  };
}

function sampleGrant(
  ctx: SampleContext,
  status: EntitlementGrantData["status"],
): EntitlementGrantData {
  const at = ctx.now.toISOString();
  return {
    payload_type: "EntitlementGrant",
    id: newId("egr"),
    business_id: ctx.businessId,
    brand_id: ctx.businessId,
    created_at: at,
    updated_at: at,
    customer_id: ctx.customer.customer_id,
    entitlement_id: "ent_demo_feature",
    integration_type: "feature_flag",
    metadata: {},
    status,
    payment_id: ctx.paymentId,
    subscription_id: null,
    delivered_at: status === "Delivered" ? at : null,
    revoked_at: status === "Revoked" ? at : null,
    revocation_reason: status === "Revoked" ? "subscription_cancelled" : null,
    error_code: status === "Failed" ? "DELIVERY_FAILED" : null,
    error_message: status === "Failed" ? "The integration could not deliver the grant." : null,
  };
}

function sampleAbandoned(ctx: SampleContext, recovered: boolean): AbandonedCheckoutData {
  return {
    payload_type: "AbandonedCheckout",
    abandoned_at: ctx.now.toISOString(),
    abandonment_reason: "checkout_incomplete",
    brand_id: ctx.businessId,
    customer_id: ctx.customer.customer_id,
    payment_id: ctx.paymentId,
    status: recovered ? "recovered" : "abandoned",
    recovered_payment_id: recovered ? newId("pay") : null,
  };
}

function sampleDunning(ctx: SampleContext, recovered: boolean): DunningAttemptData {
  return {
    payload_type: "DunningAttempt",
    brand_id: ctx.businessId,
    created_at: ctx.now.toISOString(),
    customer_id: ctx.customer.customer_id,
    status: recovered ? "recovered" : "recovering",
    subscription_id: ctx.subscriptionId,
    trigger_state: "on_hold",
    payment_id: recovered ? ctx.paymentId : null,
  };
}

/** The `data` of a sample event, by event type (the compiler keeps it complete). */
type DataBuilders = { [K in WebhookEventType]: (ctx: SampleContext) => WebhookEventDataMap[K] };

// A missing key here is a compile error, so every SDK event type has a realistic sample.
export const SAMPLE_DATA: DataBuilders = {
  "payment.succeeded": (c) => samplePayment(c, "succeeded"),
  "payment.failed": (c) => samplePayment(c, "failed"),
  "payment.processing": (c) => samplePayment(c, "processing"),
  "payment.cancelled": (c) => samplePayment(c, "cancelled"),
  "refund.succeeded": (c) => sampleRefund(c, "succeeded"),
  "refund.failed": (c) => sampleRefund(c, "failed"),
  "dispute.opened": (c) => sampleDispute(c, "dispute_opened"),
  "dispute.expired": (c) => sampleDispute(c, "dispute_expired"),
  "dispute.accepted": (c) => sampleDispute(c, "dispute_accepted"),
  "dispute.cancelled": (c) => sampleDispute(c, "dispute_cancelled"),
  "dispute.challenged": (c) => sampleDispute(c, "dispute_challenged"),
  "dispute.won": (c) => sampleDispute(c, "dispute_won"),
  "dispute.lost": (c) => sampleDispute(c, "dispute_lost"),
  "subscription.active": (c) => sampleSubscription(c, "active"),
  "subscription.renewed": (c) => sampleSubscription(c, "active"),
  "subscription.on_hold": (c) => sampleSubscription(c, "on_hold"),
  "subscription.past_due": (c) => sampleSubscription(c, "past_due"),
  "subscription.paused": (c) => sampleSubscription(c, "paused"),
  "subscription.unpaused": (c) => sampleSubscription(c, "active"),
  "subscription.cancelled": (c) => sampleSubscription(c, "cancelled"),
  "subscription.failed": (c) => sampleSubscription(c, "failed"),
  "subscription.expired": (c) => sampleSubscription(c, "expired"),
  "subscription.plan_changed": (c) => sampleSubscription(c, "active"),
  "subscription.updated": (c) => sampleSubscription(c, "active"),
  "subscription.update_payment_method": (c) => sampleSubscription(c, "active"),
  "license_key.created": (c) => ({
    payload_type: "LicenseKey",
    id: newId("lic"),
    key: `SIM-${newId("key").slice(4, 12).toUpperCase()}-${newId("key").slice(4, 12).toUpperCase()}`,
    business_id: c.businessId,
    brand_id: c.businessId,
    created_at: c.now.toISOString(),
    customer_id: c.customer.customer_id,
    product_id: c.productId,
    payment_id: c.paymentId,
    subscription_id: null,
    instances_count: 0,
    activations_limit: 5,
    expires_at: null,
    source: "auto",
    status: "active",
  }),
  "payout.created": (c) => samplePayout(c, "not_initiated"),
  "payout.on_hold": (c) => samplePayout(c, "on_hold"),
  "payout.in_progress": (c) => samplePayout(c, "in_progress"),
  "payout.failed": (c) => samplePayout(c, "failed"),
  "payout.success": (c) => samplePayout(c, "success"),
  "credit.added": (c) => sampleCredit(c, "credit_added", true),
  "credit.deducted": (c) => sampleCredit(c, "credit_deducted", false),
  "credit.expired": (c) => sampleCredit(c, "credit_expired", false),
  "credit.rolled_over": (c) => sampleCredit(c, "credit_rolled_over", true),
  "credit.rollover_forfeited": (c) => sampleCredit(c, "rollover_forfeited", false),
  "credit.overage_charged": (c) => sampleCredit(c, "overage_charged", false),
  "credit.overage_reset": (c) => sampleCredit(c, "overage_reset", true),
  "credit.manual_adjustment": (c) => sampleCredit(c, "manual_adjustment", true),
  "credit.balance_low": (c) => ({
    payload_type: "CreditBalanceLow",
    available_balance: "80",
    brand_id: c.businessId,
    credit_entitlement_id: "cde_demo_credits",
    credit_entitlement_name: "API credits",
    customer_id: c.customer.customer_id,
    subscription_credits_amount: "1000",
    subscription_id: c.subscriptionId,
    threshold_amount: "100",
    threshold_percent: 10,
  }),
  "abandoned_checkout.detected": (c) => sampleAbandoned(c, false),
  "abandoned_checkout.recovered": (c) => sampleAbandoned(c, true),
  "dunning.started": (c) => sampleDunning(c, false),
  "dunning.recovered": (c) => sampleDunning(c, true),
  "entitlement_grant.created": (c) => sampleGrant(c, "Pending"),
  "entitlement_grant.delivered": (c) => sampleGrant(c, "Delivered"),
  "entitlement_grant.failed": (c) => sampleGrant(c, "Failed"),
  "entitlement_grant.revoked": (c) => sampleGrant(c, "Revoked"),
};
