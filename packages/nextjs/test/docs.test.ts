// The README's snippets, compiled by check-types (each block is its own route file there).
import { cookies } from "next/headers";
import type { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { Checkout, CustomerPortal, DodoHttpError, Webhooks } from "../src/index";

declare function auth(): Promise<{ user: { dodoCustomerId: string } } | null>;
declare function customerIdForSession(token: string): Promise<string | null>;
declare function fulfilOrder(paymentId: string, webhookId: string): Promise<void>;
declare function grantAccess(subscriptionId: string): Promise<void>;

const documented = {
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
  portal: CustomerPortal({
    bearerToken: process.env.DODO_PAYMENTS_API_KEY,
    environment: process.env.DODO_PAYMENTS_ENVIRONMENT,
  }),
  webhook: Webhooks({
    webhookKey: process.env.DODO_PAYMENTS_WEBHOOK_KEY,
    onPayload: async (_payload) => {
      // handle the payload
    },
  }),
};

const recommended = {
  session: Checkout({
    type: "session",
    allowedReturnUrls: "same-origin",
    beforeCheckout: async (payload) => {
      const session = await auth();
      if (!session) throw new DodoHttpError(401, "Sign in first");
      return { ...payload, customer: { customer_id: session.user.dodoCustomerId } };
    },
  }),
  portal: CustomerPortal({
    getCustomerId: async () => {
      const token = (await cookies()).get("session")?.value;
      return token ? customerIdForSession(token) : null;
    },
  }),
  portalFromRequest: CustomerPortal({
    getCustomerId: (request) => (request as NextRequest).cookies.get("dodo_customer")?.value,
  }),
  webhook: Webhooks({
    onPaymentSucceeded: async (payload, { webhookId }) => {
      await fulfilOrder(payload.data.payment_id, webhookId);
    },
    onSubscriptionActive: async (payload) => {
      await grantAccess(payload.data.subscription_id);
    },
  }),
};

describe("README snippets", () => {
  it("build route handlers without reading any secret at import time", () => {
    for (const handler of [...Object.values(documented), ...Object.values(recommended)]) {
      expect(typeof handler).toBe("function");
    }
  });
});
