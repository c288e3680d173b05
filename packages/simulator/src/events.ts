import { isKnownEventType } from "@dodopayments/core/webhooks";
import { SAMPLE_DATA, type SampleContext } from "./sample-data.js";
import type {
  AbandonedCheckoutData,
  CreditBalanceLowData,
  CreditLedgerEntryData,
  DisputeData,
  DunningAttemptData,
  EntitlementGrantData,
  LicenseKeyData,
  PaymentData,
  PayoutData,
  RefundData,
  SubscriptionData,
  UnwrapWebhookEvent,
  WebhookEventType,
  WebhookPayload,
} from "./sdk-types.js";
import { newId } from "./util.js";

/**
 * The `data` type of every event the SDK knows. The two checks below make the build fail
 * when the SDK adds an event type this map does not cover, or when a key here is not an
 * SDK event type any more.
 */
export interface WebhookEventDataMap {
  "payment.succeeded": PaymentData;
  "payment.failed": PaymentData;
  "payment.processing": PaymentData;
  "payment.cancelled": PaymentData;
  "refund.succeeded": RefundData;
  "refund.failed": RefundData;
  "dispute.opened": DisputeData;
  "dispute.expired": DisputeData;
  "dispute.accepted": DisputeData;
  "dispute.cancelled": DisputeData;
  "dispute.challenged": DisputeData;
  "dispute.won": DisputeData;
  "dispute.lost": DisputeData;
  "subscription.active": SubscriptionData;
  "subscription.renewed": SubscriptionData;
  "subscription.on_hold": SubscriptionData;
  "subscription.past_due": SubscriptionData;
  "subscription.paused": SubscriptionData;
  "subscription.unpaused": SubscriptionData;
  "subscription.cancelled": SubscriptionData;
  "subscription.failed": SubscriptionData;
  "subscription.expired": SubscriptionData;
  "subscription.plan_changed": SubscriptionData;
  "subscription.updated": SubscriptionData;
  "subscription.update_payment_method": SubscriptionData;
  "license_key.created": LicenseKeyData;
  "payout.created": PayoutData;
  "payout.on_hold": PayoutData;
  "payout.in_progress": PayoutData;
  "payout.failed": PayoutData;
  "payout.success": PayoutData;
  "credit.added": CreditLedgerEntryData;
  "credit.deducted": CreditLedgerEntryData;
  "credit.expired": CreditLedgerEntryData;
  "credit.rolled_over": CreditLedgerEntryData;
  "credit.rollover_forfeited": CreditLedgerEntryData;
  "credit.overage_charged": CreditLedgerEntryData;
  "credit.overage_reset": CreditLedgerEntryData;
  "credit.manual_adjustment": CreditLedgerEntryData;
  "credit.balance_low": CreditBalanceLowData;
  "abandoned_checkout.detected": AbandonedCheckoutData;
  "abandoned_checkout.recovered": AbandonedCheckoutData;
  "dunning.started": DunningAttemptData;
  "dunning.recovered": DunningAttemptData;
  "entitlement_grant.created": EntitlementGrantData;
  "entitlement_grant.delivered": EntitlementGrantData;
  "entitlement_grant.failed": EntitlementGrantData;
  "entitlement_grant.revoked": EntitlementGrantData;
}

type Expect<T extends true> = T;
type IsNever<T> = [T] extends [never] ? true : false;
// Fails to compile when the SDK has an event type the map lacks (the name shows in the error).
export type _EveryEventTypeCovered = Expect<
  IsNever<Exclude<WebhookEventType, keyof WebhookEventDataMap>>
>;
// Fails to compile when the map has a key the SDK does not know.
export type _NoUnknownEventType = Expect<
  IsNever<Exclude<keyof WebhookEventDataMap, WebhookEventType>>
>;

/** The envelope Dodo Payments POSTs to a webhook endpoint, for one event type. */
export interface WebhookEnvelope<T extends WebhookEventType = WebhookEventType> {
  business_id: string;
  type: T;
  timestamp: string;
  data: WebhookEventDataMap[T];
}

/** Any envelope: a union over every event type, so `type` narrows `data`. */
export type AnyWebhookEnvelope = { [K in WebhookEventType]: WebhookEnvelope<K> }[WebhookEventType];

// Each envelope must also be what the SDK's `webhooks.unwrap()` returns for its type, and a
// `WebhookPayload`. The type below names every event type for which that is not so.
type NotUnwrappable = {
  [K in WebhookEventType]: WebhookEnvelope<K> extends Extract<UnwrapWebhookEvent, { type: K }>
    ? WebhookEnvelope<K> extends WebhookPayload
      ? never
      : K
    : K;
}[WebhookEventType];
export type _EnvelopesMatchTheSdk = Expect<IsNever<NotUnwrappable>>;

/** Whether `value` is one of the SDK's webhook event types (core's `isKnownEventType`). */
export const isWebhookEventType: (value: string) => value is WebhookEventType = isKnownEventType;

const SAMPLE_BUSINESS_ID = "bus_simulator";

/** What `sampleEvent` may replace: envelope fields, and any `data` fields (shallow merge). */
export interface SampleEventOverrides<T extends WebhookEventType = WebhookEventType> {
  business_id?: string;
  timestamp?: string | Date;
  data?: Partial<WebhookEventDataMap[T]>;
}

/**
 * A realistic, SDK-typed webhook envelope for any of the SDK's event types, as Dodo Payments
 * would send it: `{ business_id, type, timestamp, data: { payload_type, ... } }`.
 */
export function sampleEvent<T extends WebhookEventType>(
  type: T,
  overrides: SampleEventOverrides<T> = {},
): WebhookEnvelope<T> {
  const build = SAMPLE_DATA[type] as ((ctx: SampleContext) => WebhookEventDataMap[T]) | undefined;
  if (!build) throw new TypeError(`Unknown webhook event type: ${String(type)}`);
  const now =
    overrides.timestamp instanceof Date
      ? overrides.timestamp
      : typeof overrides.timestamp === "string"
        ? new Date(overrides.timestamp)
        : new Date();
  const businessId = overrides.business_id ?? SAMPLE_BUSINESS_ID;
  const ctx: SampleContext = {
    businessId,
    now,
    customer: { customer_id: "cus_demo", email: "demo@example.com", name: "Demo Customer" },
    paymentId: newId("pay"),
    subscriptionId: newId("sub"),
    productId: type.startsWith("subscription.") ? "pdt_demo_subscription" : "pdt_demo_onetime",
  };
  const data = { ...build(ctx), ...(overrides.data ?? {}) } as WebhookEventDataMap[T];
  return {
    business_id: businessId,
    type,
    timestamp: typeof overrides.timestamp === "string" ? overrides.timestamp : now.toISOString(),
    data,
  };
}

/** Alias of {@link sampleEvent} without overrides. */
export function sampleWebhookPayload<T extends WebhookEventType>(type: T): WebhookEnvelope<T> {
  return sampleEvent(type);
}

/**
 * Every webhook event type the SDK declares, in the SDK's order: core's list, which the compiler
 * keeps equal to the SDK's (as it keeps `SAMPLE_DATA` in sample-data.ts complete).
 */
export { WEBHOOK_EVENT_TYPES } from "@dodopayments/core/webhooks";
