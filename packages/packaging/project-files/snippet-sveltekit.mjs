// @dodopayments/sveltekit README, "Routes": the `+server.ts` files' GET/POST exports, called with a
// RequestEvent as SvelteKit calls them (the router is a path switch). `$env/static/private` is
// SvelteKit's build-time copy of the variables; plain Node has `process.env`, which holds them here.
import { Checkout, CustomerPortal, Webhooks } from "@dodopayments/sveltekit";
import { listenFetch } from "./listen.mjs";

const {
  DODO_PAYMENTS_API_KEY,
  DODO_PAYMENTS_RETURN_URL,
  DODO_PAYMENTS_ENVIRONMENT,
  DODO_PAYMENTS_WEBHOOK_KEY,
} = process.env;

// src/routes/api/checkout/+server.ts
const checkoutGetHandler = Checkout({
  bearerToken: DODO_PAYMENTS_API_KEY,
  returnUrl: DODO_PAYMENTS_RETURN_URL,
  environment: DODO_PAYMENTS_ENVIRONMENT,
  type: "static",
});

const checkoutPostHandler = Checkout({
  bearerToken: DODO_PAYMENTS_API_KEY,
  returnUrl: DODO_PAYMENTS_RETURN_URL,
  environment: DODO_PAYMENTS_ENVIRONMENT,
  type: "session",
});

const checkoutRoute = {
  GET: checkoutGetHandler.GET,
  POST: checkoutPostHandler.POST,
};

// src/routes/api/customer-portal/+server.ts
const customerPortalHandler = CustomerPortal({
  bearerToken: DODO_PAYMENTS_API_KEY,
  environment: DODO_PAYMENTS_ENVIRONMENT,
});

const portalRoute = {
  GET: customerPortalHandler.GET,
};

// src/routes/api/webhook/+server.ts
const webhookRoute = {
  POST: Webhooks({
    webhookKey: DODO_PAYMENTS_WEBHOOK_KEY,
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
  // What SvelteKit's RequestEvent carries besides the request (adapter-node has no platform).
  return handler({
    request,
    url,
    params: {},
    locals: {},
    platform: undefined,
    cookies: { get: () => undefined },
  });
});
