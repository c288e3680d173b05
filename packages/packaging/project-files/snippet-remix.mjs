// @dodopayments/remix README, "Routes", "Remix v2: the documented form": the route modules'
// `loader` and `action` exports, called with the route args as Remix (and React Router) call them:
// GET and HEAD reach the `loader`, every other method the `action`. The router is a path switch.
import { Checkout, CustomerPortal, Webhooks } from "@dodopayments/remix";
import { listenFetch } from "./listen.mjs";

// app/routes/api.checkout.tsx
const checkoutGetHandler = Checkout({
  bearerToken: process.env.DODO_PAYMENTS_API_KEY,
  returnUrl: process.env.DODO_PAYMENTS_RETURN_URL,
  environment: process.env.DODO_PAYMENTS_ENVIRONMENT,
  type: "static",
});

const checkoutPostHandler = Checkout({
  bearerToken: process.env.DODO_PAYMENTS_API_KEY,
  returnUrl: process.env.DODO_PAYMENTS_RETURN_URL,
  environment: process.env.DODO_PAYMENTS_ENVIRONMENT,
  type: "dynamic",
});

const checkoutRoute = {
  loader: ({ request }) => checkoutGetHandler(request),
  action: ({ request }) => checkoutPostHandler(request),
};

// app/routes/api.customer-portal.tsx
const customerPortalHandler = CustomerPortal({
  bearerToken: process.env.DODO_PAYMENTS_API_KEY,
  environment: process.env.DODO_PAYMENTS_ENVIRONMENT,
});

const portalRoute = {
  loader: ({ request }) => customerPortalHandler(request),
};

// app/routes/api.webhook.tsx
const webhookHandler = Webhooks({
  webhookKey: process.env.DODO_PAYMENTS_WEBHOOK_KEY,
  onPayload: async (payload) => {
    console.log(`webhook ${payload.type}`);
  },
});

const webhookRoute = {
  action: ({ request }) => webhookHandler(request),
};

const routes = {
  "/api/checkout": checkoutRoute,
  "/api/customer-portal": portalRoute,
  "/api/webhook": webhookRoute,
};

listenFetch((request) => {
  const route = routes[new URL(request.url).pathname];
  if (!route) return new Response(null, { status: 404 });
  const handler =
    request.method === "GET" || request.method === "HEAD" ? route.loader : route.action;
  if (!handler) return new Response(null, { status: 405 });
  return handler({ request, context: {}, params: {} });
});
