// @dodopayments/bun README, "Routes" (the documented form), run by Bun: `Bun.serve({ routes })`,
// on 127.0.0.1 and a free port (the README's server listens on PORT, default 3000).
import { Checkout, CustomerPortal, Webhooks } from "@dodopayments/bun";

const server = Bun.serve({
  hostname: "127.0.0.1",
  port: 0,
  routes: {
    "/api/checkout": {
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
    },
    "/api/customer-portal": {
      GET: CustomerPortal({
        bearerToken: process.env.DODO_PAYMENTS_API_KEY,
        environment: process.env.DODO_PAYMENTS_ENVIRONMENT,
      }),
    },
    "/api/webhook": {
      POST: Webhooks({
        webhookKey: process.env.DODO_PAYMENTS_WEBHOOK_KEY,
        onPayload: async (payload) => {
          console.log(`webhook ${payload.type}`);
        },
      }),
    },
  },
});

console.log(`listening http://127.0.0.1:${server.port}`);
