// @dodopayments/nextjs README, "Routes": the route modules' exports, called with the Web Request
// as Next.js calls App Router route handlers (the router here is a path switch).
import { Checkout, CustomerPortal, Webhooks } from "@dodopayments/nextjs";
import { listenFetch } from "./listen.mjs";

// app/api/checkout/route.ts
const checkoutRoute = {
  GET: Checkout({
    bearerToken: process.env.DODO_PAYMENTS_API_KEY,
    returnUrl: process.env.DODO_PAYMENTS_RETURN_URL,
    environment: process.env.DODO_PAYMENTS_ENVIRONMENT,
    type: "static",
  }),
  POST: Checkout({
    bearerToken: process.env.DODO_PAYMENTS_API_KEY,
    returnUrl: process.env.DODO_PAYMENTS_RETURN_URL,
    environment: process.env.DODO_PAYMENTS_ENVIRONMENT,
    type: "dynamic",
  }),
};

// app/api/customer-portal/route.ts
const portalRoute = {
  GET: CustomerPortal({
    bearerToken: process.env.DODO_PAYMENTS_API_KEY,
    environment: process.env.DODO_PAYMENTS_ENVIRONMENT,
  }),
};

// app/api/webhook/route.ts
const webhookRoute = {
  POST: Webhooks({
    webhookKey: process.env.DODO_PAYMENTS_WEBHOOK_KEY,
    onPayload: async (payload) => {
      console.log(`webhook ${payload.type}`);
    },
  }),
};

const routes = {
  "/api/checkout": checkoutRoute,
  "/api/customer-portal": portalRoute,
  "/api/webhook": webhookRoute,
};

listenFetch((request) => {
  const handler = routes[new URL(request.url).pathname]?.[request.method];
  return handler
    ? handler(request, { params: Promise.resolve({}) })
    : new Response(null, { status: 404 });
});
