// @dodopayments/astro README, "Routes": the API route modules' exports, called with an APIContext
// as Astro calls them. Astro replaces `import.meta.env` at build time; plain Node has
// `process.env`, which holds the same variables here.
import { Checkout, CustomerPortal, Webhooks } from "@dodopayments/astro";
import { listenFetch } from "./listen.mjs";

const env = process.env;

// src/pages/api/checkout.ts
const checkoutRoute = {
  GET: Checkout({
    bearerToken: env.DODO_PAYMENTS_API_KEY,
    returnUrl: env.DODO_PAYMENTS_RETURN_URL,
    environment: env.DODO_PAYMENTS_ENVIRONMENT,
    type: "static",
  }),
  POST: Checkout({
    bearerToken: env.DODO_PAYMENTS_API_KEY,
    returnUrl: env.DODO_PAYMENTS_RETURN_URL,
    environment: env.DODO_PAYMENTS_ENVIRONMENT,
    type: "dynamic",
  }),
};

// src/pages/api/customer-portal.ts
const portalRoute = {
  GET: CustomerPortal({
    bearerToken: env.DODO_PAYMENTS_API_KEY,
    environment: env.DODO_PAYMENTS_ENVIRONMENT,
  }),
};

// src/pages/api/webhook.ts
const webhookRoute = {
  POST: Webhooks({
    webhookKey: env.DODO_PAYMENTS_WEBHOOK_KEY,
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
  const url = new URL(request.url);
  const handler = routes[url.pathname]?.[request.method];
  if (!handler) return new Response(null, { status: 404 });
  return handler({ request, url, params: {}, locals: {}, site: undefined });
});
