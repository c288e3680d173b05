// The README's snippets, compiled by check-types and run here. Each block is a
// src/routes/api/<route>/+server.ts file; here each is what SvelteKit reads from that file: its
// exported method handlers. `$env/*` and `$app/env/private` resolve to test/env (vitest.config.ts).

import { signedSampleWebhook, startSimulator } from "@dodopayments/simulator";
import type { RequestEvent, RequestHandler } from "@sveltejs/kit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as appEnv from "$app/env/private";
import { env } from "$env/dynamic/private";
import {
  DODO_PAYMENTS_API_KEY,
  DODO_PAYMENTS_ENVIRONMENT,
  DODO_PAYMENTS_RETURN_URL,
  DODO_PAYMENTS_WEBHOOK_KEY,
} from "$env/static/private";
import {
  Checkout,
  CustomerPortal,
  DodoHttpError,
  type SvelteKitRequestEvent,
  Webhooks,
} from "../src/index";

declare function fulfilOrder(paymentId: string, webhookId: string): Promise<void>;
declare function grantAccess(subscriptionId: string): Promise<void>;

/** A +server.ts module: the methods it exports. */
type Endpoint = { GET?: RequestHandler; POST?: RequestHandler; fallback?: RequestHandler };

// --- The documented form ---------------------------------------------------------------------

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
  type: "session", // or "dynamic" for dynamic link
});
const documentedCheckout = {
  GET: checkoutGetHandler.GET,
  POST: checkoutPostHandler.POST,
} satisfies Endpoint;

// src/routes/api/customer-portal/+server.ts
const customerPortalHandler = CustomerPortal({
  bearerToken: DODO_PAYMENTS_API_KEY,
  environment: DODO_PAYMENTS_ENVIRONMENT,
});
const documentedPortal = { GET: customerPortalHandler.GET } satisfies Endpoint;

// src/routes/api/webhook/+server.ts
const documentedPayloads: unknown[] = [];
const documentedWebhook = {
  POST: Webhooks({
    webhookKey: DODO_PAYMENTS_WEBHOOK_KEY,
    onPayload: async (payload) => {
      documentedPayloads.push(payload);
    },
  }),
} satisfies Endpoint;

// --- Run-time settings (the Environment section) ---------------------------------------------

const dynamicEnvCheckout = { GET: Checkout({ type: "static", env }).GET } satisfies Endpoint;
const appEnvCheckout = { GET: Checkout({ type: "static", env: appEnv }).GET } satisfies Endpoint;

// --- The recommended form --------------------------------------------------------------------

// src/routes/api/checkout/+server.ts
const recommendedCheckout = {
  GET: Checkout({ type: "static", env }).GET,
  POST: Checkout({
    type: "session",
    env,
    allowedReturnUrls: "same-origin",
    beforeCheckout: (payload, { context }) => {
      const user = context?.locals?.user;
      if (!user) throw new DodoHttpError(401, "Sign in first");
      return { ...payload, customer: { customer_id: user.dodoCustomerId } };
    },
  }).POST,
} satisfies Endpoint;

// src/routes/api/customer-portal/+server.ts
const recommendedPortal = {
  GET: CustomerPortal({
    env,
    getCustomerId: (_request, event) => event?.locals?.user?.dodoCustomerId,
  }).GET,
} satisfies Endpoint;

// src/routes/api/webhook/+server.ts
const POST = Webhooks({
  env,
  onPaymentSucceeded: async (payload, { webhookId }) => {
    await fulfilOrder(payload.data.payment_id, webhookId);
  },
  onSubscriptionActive: async (payload) => {
    await grantAccess(payload.data.subscription_id);
  },
});
const recommendedWebhook = { POST, fallback: POST } satisfies Endpoint;

// --------------------------------------------------------------------------------------------

const sim = await startSimulator({ port: 0 });
afterAll(() => sim.close());

beforeAll(() => {
  // What the server's environment holds at run time (read on the first request).
  Object.assign(env, {
    DODO_PAYMENTS_API_KEY: sim.apiKey,
    DODO_PAYMENTS_BASE_URL: sim.url,
    DODO_PAYMENTS_WEBHOOK_KEY: sim.webhookKey,
    DODO_PAYMENTS_ENVIRONMENT: "test_mode",
    DODO_PAYMENTS_RETURN_URL: "http://localhost:5173/success",
  });
});

const origin = "http://localhost:5173";
/** The parts of the RequestEvent the handlers read; SvelteKit builds the whole one per request. */
const event = (path: string, init: RequestInit = {}, locals: App.Locals = {}) => {
  const parts = { request: new Request(`${origin}${path}`, init), locals };
  return parts satisfies SvelteKitRequestEvent as unknown as RequestEvent;
};
const jsonPost = (body: unknown): RequestInit => ({
  method: "POST",
  headers: { "content-type": "application/json", origin },
  body: JSON.stringify(body),
});

describe("README snippets", () => {
  it("build +server.ts handlers without reading any secret at import time", () => {
    const endpoints: Endpoint[] = [
      documentedCheckout,
      documentedPortal,
      documentedWebhook,
      dynamicEnvCheckout,
      appEnvCheckout,
      recommendedCheckout,
      recommendedPortal,
      recommendedWebhook,
    ];
    for (const endpoint of endpoints) {
      for (const handler of Object.values(endpoint)) {
        expect(typeof handler).toBe("function");
        expect(handler.length).toBe(1);
      }
    }
  });

  it("the documented webhook route verifies with the build-time key", async () => {
    const { body, headers } = signedSampleWebhook("payment.succeeded", {
      webhookKey: DODO_PAYMENTS_WEBHOOK_KEY,
    });
    const response = await documentedWebhook.POST(
      event("/api/webhook", { method: "POST", headers, body }),
    );
    expect(response.status).toBe(200);
    expect(documentedPayloads).toHaveLength(1);
  });

  it("the recommended checkout reads the run-time env: static link and session for the signed-in user", async () => {
    const link = await recommendedCheckout.GET(event("/api/checkout?productId=pdt_demo_onetime"));
    expect(link.status).toBe(200);
    expect(((await link.json()) as { checkout_url: string }).checkout_url).toContain(sim.url);

    const cart = { product_cart: [{ product_id: "pdt_demo_onetime", quantity: 1 }] };
    const anonymous = await recommendedCheckout.POST(event("/api/checkout", jsonPost(cart)));
    expect(anonymous.status).toBe(401);
    const signedIn = await recommendedCheckout.POST(
      event("/api/checkout", jsonPost(cart), { user: { dodoCustomerId: "cus_demo" } }),
    );
    expect(signedIn.status).toBe(200);
    const call = sim.requests.findLast((r) => r.method === "POST" && r.path === "/checkouts");
    expect(call?.body).toMatchObject({ customer: { customer_id: "cus_demo" } });
  });

  it("the recommended portal takes the customer from locals, never from the query", async () => {
    const anonymous = await recommendedPortal.GET(
      event("/api/customer-portal?customer_id=cus_demo"),
    );
    expect(anonymous.status).toBe(401);
    const signedIn = await recommendedPortal.GET(
      event(
        "/api/customer-portal?customer_id=cus_other",
        {},
        { user: { dodoCustomerId: "cus_demo" } },
      ),
    );
    expect(signedIn.status).toBe(302);
    expect(sim.requests.at(-1)?.path).toBe("/customers/cus_demo/customer-portal/session");
  });

  it("the recommended webhook route verifies with the run-time key; `fallback` answers 405", async () => {
    const { body, headers } = signedSampleWebhook("subscription.cancelled", {
      webhookKey: sim.webhookKey,
    });
    const response = await recommendedWebhook.POST(
      event("/api/webhook", { method: "POST", headers, body }),
    );
    expect(response.status).toBe(200);
    const get = await recommendedWebhook.fallback(event("/api/webhook"));
    expect(get.status).toBe(405);
    expect(get.headers.get("allow")).toBe("POST");
  });
});
