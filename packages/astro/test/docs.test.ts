/// <reference types="astro/client" />
// The README's snippets, compiled by check-types (each block is its own route file there).
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

const documented = {
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
  portal: CustomerPortal({
    bearerToken: import.meta.env.DODO_PAYMENTS_API_KEY,
    environment: import.meta.env.DODO_PAYMENTS_ENVIRONMENT,
  }),
  webhook: Webhooks({
    webhookKey: import.meta.env.DODO_PAYMENTS_WEBHOOK_KEY,
    onPayload: async (_payload) => {
      // handle the payload
    },
  }),
};

const recommended = {
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
  portal: CustomerPortal({
    getCustomerId: (_request, context) => context?.locals.user?.dodoCustomerId,
  }),
  ALL: Webhooks({
    onPaymentSucceeded: async (payload, { webhookId }) => {
      await fulfilOrder(payload.data.payment_id, webhookId);
    },
    onSubscriptionActive: async (payload) => {
      await grantAccess(payload.data.subscription_id);
    },
  }),
};

describe("README snippets", () => {
  it("build API routes without reading any secret at import time", () => {
    for (const route of [...Object.values(documented), ...Object.values(recommended)]) {
      expect(typeof route).toBe("function");
    }
  });
});
