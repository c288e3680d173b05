// @dodopayments/convex README, sections 3 to 5 (convex/dodo.ts, convex/payments.ts, convex/http.ts),
// from the tarball, run under convex-test from the registry: Convex's JavaScript mock of the
// backend (a deployed backend cannot run here). The component is installed by the package's own
// `/test` helper, so its built modules (dist/component) run. The modules are written in plain JS
// here, with the function builders the generated `_generated/server` would give. Prints one JSON
// line: what the actions answered and what the webhook handler saw.
import { createDodoWebhookHandler, DodoPayments } from "@dodopayments/convex";
import { register } from "@dodopayments/convex/test";
import { actionGeneric, anyApi, componentsGeneric, httpRouter } from "convex/server";
import { ConvexError, v } from "convex/values";
import { convexTest } from "convex-test";

const components = componentsGeneric();

// convex/dodo.ts (identify without a users table: every signed-in user is the demo customer)
const dodo = new DodoPayments(components.dodopayments, {
  identify: async (ctx) => {
    const identity = await ctx.auth.getUserIdentity();
    if (!identity) return null;
    return { dodoCustomerId: "cus_demo" };
  },
  apiKey: process.env.DODO_PAYMENTS_API_KEY,
  environment: process.env.DODO_PAYMENTS_ENVIRONMENT,
  baseURL: process.env.DODO_PAYMENTS_BASE_URL,
});
const { checkout, customerPortal } = dodo.api();

// convex/payments.ts
const payments = {
  createCheckout: actionGeneric({
    args: {
      product_cart: v.array(v.object({ product_id: v.string(), quantity: v.number() })),
      returnUrl: v.optional(v.string()),
    },
    handler: async (ctx, args) => {
      return await checkout(ctx, {
        payload: {
          product_cart: args.product_cart,
          return_url: args.returnUrl,
          billing_currency: "USD",
          feature_flags: { allow_discount_code: true },
        },
      });
    },
  }),
  getCustomerPortal: actionGeneric({
    args: { send_email: v.optional(v.boolean()) },
    handler: async (ctx, args) => {
      return await customerPortal(ctx, args);
    },
  }),
};

// convex/http.ts
const seen = [];
const http = httpRouter();
http.route({
  path: "/dodopayments-webhook",
  method: "POST",
  handler: createDodoWebhookHandler({
    onPaymentSucceeded: async (ctx, payload) => {
      seen.push({ ctx: typeof ctx.runMutation, paymentId: payload.data.payment_id });
    },
  }),
});

const t = register(
  convexTest(undefined, {
    "./convex/_generated/server.js": async () => ({}),
    "./convex/payments.js": async () => payments,
    "./convex/http.js": async () => ({ default: http }),
  }),
);

const cart = [{ product_id: "pdt_demo_onetime", quantity: 1 }];
const session = await t.action(anyApi.payments.createCheckout, { product_cart: cart });
const portal = await t
  .withIdentity({ subject: "user_1" })
  .action(anyApi.payments.getCustomerPortal, { send_email: false });
const refused = await t.action(anyApi.payments.getCustomerPortal, {}).then(
  () => null,
  (error) => (error instanceof ConvexError ? error.data : String(error)),
);
const delivery = JSON.parse(process.env.SIGNED_WEBHOOK);
const webhook = await t.fetch("/dodopayments-webhook", { method: "POST", ...delivery });
const forged = await t.fetch("/dodopayments-webhook", {
  method: "POST",
  headers: delivery.headers,
  body: delivery.body.replace("pay_", "pay_forged_"),
});

console.log(
  JSON.stringify({
    checkout_url: session.checkout_url,
    portal_url: portal.portal_url,
    refused,
    webhook: webhook.status,
    forged: forged.status,
    seen,
  }),
);
