// @dodopayments/fastify README, "Route handlers (the documented form)", served on 127.0.0.1.
import { Checkout, CustomerPortal, Webhooks } from "@dodopayments/fastify";
import Fastify from "fastify";
import { announce } from "./listen.mjs";

const fastify = Fastify({});

const settings = {
  bearerToken: process.env.DODO_PAYMENTS_API_KEY,
  environment: process.env.DODO_PAYMENTS_ENVIRONMENT,
  returnUrl: process.env.DODO_PAYMENTS_RETURN_URL,
};
const checkoutGet = Checkout({ ...settings, type: "static" });
const checkoutPost = Checkout({ ...settings, type: "dynamic" });
const checkoutSession = Checkout({ ...settings, type: "session" });

fastify.get("/api/checkout", checkoutGet.getHandler);
fastify.post("/api/checkout", checkoutPost.postHandler);
fastify.post("/api/checkout-session", checkoutSession.postHandler);

fastify.get(
  "/api/customer-portal",
  CustomerPortal({
    bearerToken: process.env.DODO_PAYMENTS_API_KEY,
    environment: process.env.DODO_PAYMENTS_ENVIRONMENT,
  }),
);

fastify.post(
  "/api/webhook",
  Webhooks({
    webhookKey: process.env.DODO_PAYMENTS_WEBHOOK_KEY,
    onPayload: async (payload) => {
      console.log(`webhook ${payload.type}`);
    },
  }),
);

await fastify.listen({ port: 0, host: "127.0.0.1" });
announce(fastify.server.address().port);
