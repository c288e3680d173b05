import { Webhooks } from "@dodopayments/tanstack";
import { createFileRoute } from "@tanstack/react-router";
import { recordEvent } from "@/lib/events";

// POST /api/webhook: verifies the signature with DODO_PAYMENTS_WEBHOOK_KEY over the exact body,
// then calls the handlers in order. Answering 200 tells Dodo the event was handled; a handler
// that throws answers 500 and Dodo retries.
const webhooks = Webhooks({
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

// ANY: a GET (or anything but POST) gets the handler's 405 with `Allow: POST` instead of
// Start's 404 page.
export const Route = createFileRoute("/api/webhook")({
  server: { handlers: { ANY: webhooks } },
});
