import { Webhooks } from "@dodopayments/sveltekit";
import { recordEvent } from "#lib/events.ts";
import * as env from "$app/env/private";

// POST /api/webhook: verifies the signature with DODO_PAYMENTS_WEBHOOK_KEY over the exact body,
// then calls the handlers in order. Answering 200 tells Dodo the event was handled; a handler
// that throws answers 500 and Dodo retries. Dodo sends `content-type: application/json`, which
// SvelteKit's CSRF check lets through.
export const POST = Webhooks({
  env,
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

// Every other method reaches the handler too, which answers 405 with `Allow: POST`.
export const fallback = POST;
