import { createDodoWebhookHandler } from "@dodopayments/convex";
import { httpRouter } from "convex/server";
import { internal } from "./_generated/api";

const http = httpRouter();

// The webhook endpoint: https://<your deployment>.convex.site/dodopayments-webhook
// Its secret is DODO_PAYMENTS_WEBHOOK_SECRET in the Convex dashboard.
http.route({
  path: "/dodopayments-webhook",
  method: "POST",
  handler: createDodoWebhookHandler({
    onPayload: async (ctx, payload, { webhookId }) => {
      await ctx.runMutation(internal.webhooks.recordEvent, { webhookId, type: payload.type });
    },
    onPaymentSucceeded: async (ctx, payload) => {
      await ctx.runMutation(internal.webhooks.recordPayment, {
        paymentId: payload.data.payment_id,
        customerEmail: payload.data.customer.email,
        amount: payload.data.total_amount,
        currency: payload.data.currency,
      });
    },
    onSubscriptionActive: async (_ctx, payload) => {
      // Grant access here: payload.data.subscription_id, payload.data.customer.customer_id.
      console.log(`Subscription ${payload.data.subscription_id} is active`);
    },
  }),
});

export default http;
