import type {
  WebhookEventType as SdkWebhookEventType,
  UnwrapWebhookEvent,
} from "dodopayments/resources";
import type { MaybePromise } from "../maybe";

/** Every webhook event type the official `dodopayments` SDK declares. */
export const WEBHOOK_EVENT_TYPES = [
  "payment.succeeded",
  "payment.failed",
  "payment.processing",
  "payment.cancelled",
  "refund.succeeded",
  "refund.failed",
  "dispute.opened",
  "dispute.expired",
  "dispute.accepted",
  "dispute.cancelled",
  "dispute.challenged",
  "dispute.won",
  "dispute.lost",
  "subscription.active",
  "subscription.renewed",
  "subscription.on_hold",
  "subscription.past_due",
  "subscription.paused",
  "subscription.unpaused",
  "subscription.cancelled",
  "subscription.failed",
  "subscription.expired",
  "subscription.plan_changed",
  "subscription.updated",
  "subscription.update_payment_method",
  "license_key.created",
  "payout.created",
  "payout.on_hold",
  "payout.in_progress",
  "payout.failed",
  "payout.success",
  "credit.added",
  "credit.deducted",
  "credit.expired",
  "credit.rolled_over",
  "credit.rollover_forfeited",
  "credit.overage_charged",
  "credit.overage_reset",
  "credit.manual_adjustment",
  "credit.balance_low",
  "abandoned_checkout.detected",
  "abandoned_checkout.recovered",
  "dunning.started",
  "dunning.recovered",
  "entitlement_grant.created",
  "entitlement_grant.delivered",
  "entitlement_grant.failed",
  "entitlement_grant.revoked",
] as const;

export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

// Breaks the build when the SDK adds or removes an event type and this list is not updated.
type Exactly<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const eventListMatchesSdk: Exactly<WebhookEventType, SdkWebhookEventType> = true;
void eventListMatchesSdk;

/** A verified webhook event of a type this package knows, narrowed by `type`. */
export type WebhookPayload = UnwrapWebhookEvent;
export type WebhookEventOf<T extends WebhookEventType> = Extract<WebhookPayload, { type: T }>;

/** An event whose type is newer than this package. It still verified and reaches `onPayload`. */
export interface UnknownWebhookPayload {
  business_id: string;
  type: string;
  timestamp: string;
  data: Record<string, unknown>;
}

type PascalSegment<S extends string> = S extends `${infer Head}_${infer Tail}`
  ? `${Capitalize<Head>}${PascalSegment<Tail>}`
  : Capitalize<S>;

/** `license_key.created` -> `onLicenseKeyCreated` */
export type HandlerName<T extends string> = T extends `${infer Resource}.${infer Action}`
  ? `on${PascalSegment<Resource>}${PascalSegment<Action>}`
  : never;

export function handlerNameFor<T extends string>(type: T): HandlerName<T> {
  const words = type.split(/[._]/).map((w) => w.charAt(0).toUpperCase() + w.slice(1));
  return `on${words.join("")}` as HandlerName<T>;
}

export interface WebhookContext<TContext = unknown> {
  /** The `webhook-id` header: stable across retries, use it to deduplicate. */
  webhookId: string;
  /** The `webhook-timestamp` header, in Unix seconds. */
  timestamp: number;
  /** The exact body that was signed. */
  rawBody: string;
  request: Request;
  /** The framework's own context (Hono `c`, Express `req`, the H3 event, ...), when the adapter passes one. */
  context: TContext | undefined;
}

export type WebhookEventHandlers<TContext = unknown> = {
  [T in WebhookEventType as HandlerName<T>]?: (
    payload: WebhookEventOf<T>,
    context: WebhookContext<TContext>,
  ) => MaybePromise<void>;
};

const known = new Set<string>(WEBHOOK_EVENT_TYPES);
export const isKnownEventType = (type: string): type is WebhookEventType => known.has(type);

const handlerNames = new Map<string, string>(
  WEBHOOK_EVENT_TYPES.map((t) => [t, handlerNameFor(t)]),
);
export const handlerNameOf = (type: WebhookEventType): keyof WebhookEventHandlers =>
  handlerNames.get(type) as keyof WebhookEventHandlers;
