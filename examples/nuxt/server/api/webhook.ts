import { recordEvent } from "../utils/events";

// POST /api/webhook: verifies the signature with the webhook key over the exact body (nothing may
// read the body before it), then calls the handlers in order. The file name has no `.post`
// suffix, so other methods reach the handler and get its 405. Answering 200 tells Dodo the event
// was handled; a handler that throws answers 500 and Dodo retries.
export default defineEventHandler(
  Webhooks({
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
  }),
);
