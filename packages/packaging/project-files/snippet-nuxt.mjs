// @dodopayments/nuxt README, "Routes": the server route files as written (with the factories and
// `useRuntimeConfig` Nuxt auto-imports), on h3, the server Nitro runs them on. A module hook stands
// in for Nitro's `#imports`; the runtime config is what nuxt.config.ts plus NUXT_PRIVATE_* give.
import { register } from "node:module";
import { createApp, createRouter, defineEventHandler, toNodeListener } from "h3";
import { listenNode } from "./listen.mjs";

register("./nitro-hooks.mjs", import.meta.url);
globalThis.__nitroRuntimeConfig = {
  private: {
    bearerToken: process.env.DODO_PAYMENTS_API_KEY,
    webhookKey: process.env.DODO_PAYMENTS_WEBHOOK_KEY,
    environment: process.env.DODO_PAYMENTS_ENVIRONMENT,
    returnUrl: process.env.DODO_PAYMENTS_RETURN_URL,
    baseURL: process.env.DODO_PAYMENTS_BASE_URL,
  },
};
const { useRuntimeConfig } = await import("#imports");
const { checkoutHandler, customerPortalHandler, Webhooks } = await import(
  "@dodopayments/nuxt/server"
);

// server/routes/api/checkout.get.ts
const checkoutGet = defineEventHandler((event) => {
  const {
    private: { bearerToken, environment, returnUrl },
  } = useRuntimeConfig();

  const handler = checkoutHandler({
    bearerToken: bearerToken,
    environment: environment,
    returnUrl: returnUrl,
  });

  return handler(event);
});

// server/routes/api/customer-portal.get.ts
const portalGet = defineEventHandler((event) => {
  const {
    private: { bearerToken, environment },
  } = useRuntimeConfig();

  const handler = customerPortalHandler({
    bearerToken,
    environment: environment,
  });

  return handler(event);
});

// server/routes/api/webhook.post.ts
const webhookPost = defineEventHandler((event) => {
  const {
    private: { webhookKey },
  } = useRuntimeConfig();

  const handler = Webhooks({
    webhookKey: webhookKey,
    onPayload: async (payload) => {
      console.log(`webhook ${payload.type}`);
    },
  });

  return handler(event);
});

const router = createRouter()
  .get("/api/checkout", checkoutGet)
  .get("/api/customer-portal", portalGet)
  .post("/api/webhook", webhookPost);
listenNode(toNodeListener(createApp().use(router)));
