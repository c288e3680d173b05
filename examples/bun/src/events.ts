import type { WebhookPayload } from "@dodopayments/bun";

/** One webhook event as the /events page shows it. */
export interface ReceivedEvent {
  /** The `webhook-id` header: the same on every retry of one event. */
  webhookId: string;
  type: string;
  /** The payment, subscription, refund or dispute the event is about. */
  objectId: string | null;
  receivedAt: string;
}

// DEMO ONLY: an in-memory list, lost on restart and not shared between server instances. Store
// events (or better, what they change: orders, access rights) in your database.
const events: ReceivedEvent[] = [];

function objectIdOf(payload: WebhookPayload): string | null {
  const data = payload.data as unknown as Record<string, unknown>;
  for (const field of ["refund_id", "dispute_id", "payment_id", "subscription_id"]) {
    if (typeof data[field] === "string") return data[field];
  }
  return null;
}

/** Records a verified event. Delivery is at least once, so a repeated webhook id is skipped. */
export function recordEvent(payload: WebhookPayload, webhookId: string): void {
  if (events.some((event) => event.webhookId === webhookId)) return;
  events.unshift({
    webhookId,
    type: payload.type,
    objectId: objectIdOf(payload),
    receivedAt: new Date().toISOString(),
  });
  events.splice(100);
}

/** Newest first. */
export function listEvents(): readonly ReceivedEvent[] {
  return events;
}
