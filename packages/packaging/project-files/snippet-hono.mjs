// @dodopayments/hono README, "Routes" (the documented form), on @hono/node-server.
import { Checkout, CustomerPortal, Webhooks } from "@dodopayments/hono";
import { Hono } from "hono";
import { listenFetch } from "./listen.mjs";

const app = new Hono();

app.get(
  "/api/checkout",
  Checkout({
    bearerToken: process.env.DODO_PAYMENTS_API_KEY,
    environment: process.env.DODO_PAYMENTS_ENVIRONMENT,
    returnUrl: process.env.DODO_PAYMENTS_RETURN_URL,
    type: "static",
  }),
);

app.post(
  "/api/checkout",
  Checkout({
    bearerToken: process.env.DODO_PAYMENTS_API_KEY,
    environment: process.env.DODO_PAYMENTS_ENVIRONMENT,
    returnUrl: process.env.DODO_PAYMENTS_RETURN_URL,
    type: "dynamic",
  }),
);

app.get(
  "/api/customer-portal",
  CustomerPortal({
    bearerToken: process.env.DODO_PAYMENTS_API_KEY,
    environment: process.env.DODO_PAYMENTS_ENVIRONMENT,
  }),
);

app.post(
  "/api/webhook",
  Webhooks({
    webhookKey: process.env.DODO_PAYMENTS_WEBHOOK_KEY,
    onPayload: async (payload) => {
      console.log(`webhook ${payload.type}`);
    },
  }),
);

listenFetch(app.fetch);
