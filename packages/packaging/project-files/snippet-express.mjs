// @dodopayments/express README, "Routes" (the documented form), served on 127.0.0.1.
import { CustomerPortal, checkoutHandler, Webhooks } from "@dodopayments/express";
import express from "express";
import { listenNode } from "./listen.mjs";

const app = express();

app.get(
  "/api/checkout",
  checkoutHandler({
    bearerToken: process.env.DODO_PAYMENTS_API_KEY,
    returnUrl: process.env.DODO_PAYMENTS_RETURN_URL,
    environment: process.env.DODO_PAYMENTS_ENVIRONMENT,
    type: "static",
  }),
);

app.post(
  "/api/checkout",
  checkoutHandler({
    bearerToken: process.env.DODO_PAYMENTS_API_KEY,
    returnUrl: process.env.DODO_PAYMENTS_RETURN_URL,
    environment: process.env.DODO_PAYMENTS_ENVIRONMENT,
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

listenNode(app);
