import { Webhooks } from "@dodopayments/remix";
import { recordEvent } from "../lib/events";

// POST /api/webhook: verifies the signature with DODO_PAYMENTS_WEBHOOK_KEY over the exact body
// (React Router hands the action the request untouched), then calls the handlers in order.
// Answering 200 tells Dodo the event was handled; a handler that throws answers 500 and Dodo
// retries.
const webhook = Webhooks({
  // Every verified event, for the /events page.
  onPayload: async (payload, { webhookId }) => {
    recordEvent(payload, webhookId);
  },
  // Your business logic goes in the typed handlers. Deduplicate on webhookId: delivery is at
  // least once.
  onPaymentSucceeded: async (payload) => {
    console.log(`payment ${payload.data.payment_id} succeeded: fulfil the order here`);
  },
  onSubscriptionActive: async (payload) => {
    console.log(`subscription ${payload.data.subscription_id} is active: grant access here`);
  },
  onSubscriptionCancelled: async (payload) => {
    console.log(`subscription ${payload.data.subscription_id} was cancelled: revoke access here`);
  },
});

// POST reaches the action; GET (and HEAD) the loader, so they get the handler's 405 with
// `Allow: POST` rather than React Router's own error.
export const action = webhook;
export const loader = webhook;
