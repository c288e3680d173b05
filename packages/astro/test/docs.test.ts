/// <reference types="astro/client" />
// The README's snippets, compiled by check-types. Each block is a route file under src/pages there;
// here each is what Astro reads from that file: `prerender` and an APIRoute per method.
import type { APIContext, APIRoute } from "astro";
import { describe, expect, it } from "vitest";
import { Checkout, CustomerPortal, DodoHttpError, Webhooks } from "../src/index";

declare global {
  namespace App {
    interface Locals {
      user?: { dodoCustomerId: string };
    }
  }
}

declare function fulfilOrder(paymentId: string, webhookId: string): Promise<void>;
declare function grantAccess(subscriptionId: string): Promise<void>;

/** An on-demand endpoint, as every README block writes it: `prerender = false`, then its routes. */
type Endpoint = { prerender: false; GET?: APIRoute; POST?: APIRoute; ALL?: APIRoute };

const documented: Endpoint[] = [
  // src/pages/api/checkout.ts
  {
    prerender: false,
    GET: Checkout({
      bearerToken: import.meta.env.DODO_PAYMENTS_API_KEY,
      returnUrl: import.meta.env.DODO_PAYMENTS_RETURN_URL,
      environment: import.meta.env.DODO_PAYMENTS_ENVIRONMENT,
      type: "static",
    }),
    POST: Checkout({
      bearerToken: import.meta.env.DODO_PAYMENTS_API_KEY,
      returnUrl: import.meta.env.DODO_PAYMENTS_RETURN_URL,
      environment: import.meta.env.DODO_PAYMENTS_ENVIRONMENT,
      type: "dynamic",
    }),
  },
  // src/pages/api/customer-portal.ts
  {
    prerender: false,
    GET: CustomerPortal({
      bearerToken: import.meta.env.DODO_PAYMENTS_API_KEY,
      environment: import.meta.env.DODO_PAYMENTS_ENVIRONMENT,
    }),
  },
  // src/pages/api/webhook.ts
  {
    prerender: false,
    POST: Webhooks({
      webhookKey: import.meta.env.DODO_PAYMENTS_WEBHOOK_KEY,
      onPayload: async (_payload) => {
        // handle the payload
      },
    }),
  },
];

// src/pages/api/webhook.ts: `ALL`, so other methods get the handler's 405 instead of Astro's 404.
const recommendedWebhook = {
  prerender: false,
  ALL: Webhooks({
    onPaymentSucceeded: async (payload, { webhookId }) => {
      await fulfilOrder(payload.data.payment_id, webhookId);
    },
    onSubscriptionActive: async (payload) => {
      await grantAccess(payload.data.subscription_id);
    },
  }),
} satisfies Endpoint;

const recommended: Endpoint[] = [
  // src/pages/api/checkout.ts
  {
    prerender: false,
    GET: Checkout({ type: "static" }),
    POST: Checkout({
      type: "session",
      allowedReturnUrls: "same-origin",
      beforeCheckout: (payload, { context }) => {
        const user = context?.locals.user;
        if (!user) throw new DodoHttpError(401, "Sign in first");
        return { ...payload, customer: { customer_id: user.dodoCustomerId } };
      },
    }),
  },
  // src/pages/api/customer-portal.ts
  {
    prerender: false,
    GET: CustomerPortal({
      getCustomerId: (_request, context) => context?.locals.user?.dodoCustomerId,
    }),
  },
  recommendedWebhook,
];

describe("README snippets", () => {
  it("build on-demand API routes without reading any secret at import time", () => {
    for (const { prerender, ...routes } of [...documented, ...recommended]) {
      expect(prerender).toBe(false);
      // An APIRoute takes the one APIContext argument Astro calls it with.
      for (const route of Object.values(routes)) {
        expect(typeof route).toBe("function");
        expect(route.length).toBe(1);
      }
    }
  });

  it("the webhook route exported as ALL answers other methods 405 with Allow: POST", async () => {
    const request = new Request("http://localhost:4321/api/webhook");
    const context = { request, url: new URL(request.url), params: {}, locals: {} };
    const response = await recommendedWebhook.ALL(context as unknown as APIContext);
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("POST");
  });
});
