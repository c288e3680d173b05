// The README's snippets, compiled by check-types and mounted here.
import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { Checkout, CustomerPortal, DodoHttpError, Webhooks } from "../src/index";

declare function fulfilOrder(paymentId: string, webhookId: string): Promise<void>;
declare function grantAccess(subscriptionId: string): Promise<void>;

function documentedApp() {
  const app = new Hono();
  app.get(
    "/api/checkout",
    Checkout({
      bearerToken: process.env.DODO_PAYMENTS_API_KEY,
      environment: process.env.DODO_PAYMENTS_ENVIRONMENT,
      returnUrl: process.env.DODO_PAYMENTS_RETURN_URL,
      type: "static",
    }),
  );
  app.post(
    "/api/checkout",
    Checkout({
      bearerToken: process.env.DODO_PAYMENTS_API_KEY,
      environment: process.env.DODO_PAYMENTS_ENVIRONMENT,
      returnUrl: process.env.DODO_PAYMENTS_RETURN_URL,
      type: "dynamic",
    }),
  );
  app.get(
    "/api/customer-portal",
    CustomerPortal({
      bearerToken: process.env.DODO_PAYMENTS_API_KEY,
      environment: process.env.DODO_PAYMENTS_ENVIRONMENT,
    }),
  );
  app.post(
    "/api/webhooks",
    Webhooks({
      webhookKey: process.env.DODO_PAYMENTS_WEBHOOK_KEY,
      onPayload: async (payload) => {
        console.log(payload);
      },
    }),
  );
  return app;
}

function recommendedApp() {
  type AppEnv = {
    Bindings: { DODO_PAYMENTS_API_KEY: string; DODO_PAYMENTS_WEBHOOK_KEY: string };
    Variables: { user?: { dodoCustomerId: string } };
  };
  const app = new Hono<AppEnv>();

  app.get("/api/checkout", Checkout({ type: "static" }));
  app.post("/api/checkout", Checkout({ type: "dynamic", allowedReturnUrls: "same-origin" }));
  app.post(
    "/api/checkout-session",
    Checkout<AppEnv>({
      type: "session",
      beforeCheckout: (payload, { context: c }) => {
        const user = c?.get("user");
        if (!user) throw new DodoHttpError(401, "Sign in first");
        return { ...payload, customer: { customer_id: user.dodoCustomerId } };
      },
    }),
  );
  app.get(
    "/api/customer-portal",
    CustomerPortal<AppEnv>({ getCustomerId: (_request, c) => c?.get("user")?.dodoCustomerId }),
  );
  app.all(
    "/api/webhooks",
    Webhooks({
      onPaymentSucceeded: async (payload, { webhookId }) => {
        await fulfilOrder(payload.data.payment_id, webhookId);
      },
      onSubscriptionActive: async (payload) => {
        await grantAccess(payload.data.subscription_id);
      },
    }),
  );
  return app;
}

describe("README snippets", () => {
  it("mount and answer without configuration errors at import time", async () => {
    // No key anywhere: 500; a key in this shell's environment: 401 for the unsigned body.
    const unsigned = await documentedApp().request("/api/webhooks", { method: "POST" });
    expect([401, 500]).toContain(unsigned.status);
    const app = recommendedApp();
    expect((await app.request("/api/webhooks")).status).toBe(405);
    const signedOut = await app.request(
      "/api/checkout-session",
      {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ product_cart: [{ product_id: "pdt_x", quantity: 1 }] }),
      },
      { DODO_PAYMENTS_API_KEY: "k", DODO_PAYMENTS_WEBHOOK_KEY: "whsec_AAAA" },
    );
    expect(signedOut.status).toBe(401);
  });
});
