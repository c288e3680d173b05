// @dodopayments/tanstack README, "Routes": the route files' `server.handlers`, called with the
// handler args TanStack Start passes (`{ request, params, context, pathname, next }`). The
// `createFileRoute(...)` wrapper only registers the handlers with Start's router; the router here
// is a path switch.
import { Checkout, CustomerPortal, Webhooks } from "@dodopayments/tanstack";
import { listenFetch } from "./listen.mjs";

// src/routes/api/checkout.ts
const checkoutHandlers = {
  GET: Checkout({
    bearerToken: process.env.DODO_PAYMENTS_API_KEY,
    returnUrl: process.env.DODO_PAYMENTS_RETURN_URL,
    environment: process.env.DODO_PAYMENTS_ENVIRONMENT,
    type: "static", // optional, defaults to 'static'
  }),
  POST: Checkout({
    bearerToken: process.env.DODO_PAYMENTS_API_KEY,
    returnUrl: process.env.DODO_PAYMENTS_RETURN_URL,
    environment: process.env.DODO_PAYMENTS_ENVIRONMENT,
    type: "session", // or "dynamic" for dynamic link
  }),
};

// src/routes/api/customer-portal.ts
const portalHandlers = {
  GET: CustomerPortal({
    bearerToken: process.env.DODO_PAYMENTS_API_KEY,
    environment: process.env.DODO_PAYMENTS_ENVIRONMENT,
  }),
};

// src/routes/api/webhook.ts
const webhookHandlers = {
  POST: Webhooks({
    webhookKey: process.env.DODO_PAYMENTS_WEBHOOK_KEY,
    onPayload: async (payload) => {
      console.log(`webhook ${payload.type}`);
    },
  }),
};

const routes = {
  "/api/checkout": checkoutHandlers,
  "/api/customer-portal": portalHandlers,
  "/api/webhook": webhookHandlers,
};

listenFetch((request) => {
  const pathname = new URL(request.url).pathname;
  const handlers = routes[pathname];
  const handler = handlers?.[request.method] ?? handlers?.ANY;
  if (!handler) return new Response(null, { status: 404 });
  return handler({
    request,
    params: {},
    context: {},
    pathname,
    next: () => new Response(null, { status: 404 }),
  });
});
