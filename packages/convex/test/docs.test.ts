// The README and the product docs, checked: the README's convex/ files are the example's files
// (which the other tests run), its handler list is the real one, and the Dodo Payments docs'
// own snippets compile (check-types) and run, under convex-test, not a deployed backend.
import { readFileSync } from "node:fs";
import { handlerNameFor } from "@dodopayments/core/webhooks";
import { type Simulator, signedSampleWebhook } from "@dodopayments/simulator";
import { httpRouter, makeFunctionReference } from "convex/server";
import { v } from "convex/values";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { components, internal } from "../../../examples/convex/convex/_generated/api";
import { action } from "../../../examples/convex/convex/_generated/server";
import { createDodoWebhookHandler, DodoPayments, WEBHOOK_EVENT_TYPES } from "../src/client/index";
import { appModules, exampleApp, refusal, startDodo } from "./example-app";

const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
const exampleFile = (name: string) =>
  readFileSync(new URL(`../../../examples/convex/convex/${name}`, import.meta.url), "utf8");

/** The README's fenced `ts` block that starts with `// <file>`, without that line. */
function readmeFile(file: string): string {
  const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1] as string);
  const block = blocks.find((text) => text.startsWith(`// ${file}\n`));
  if (!block) throw new Error(`README has no block for ${file}`);
  return block.slice(`// ${file}\n`.length);
}

describe("the README", () => {
  it.each(["convex.config.ts", "dodo.ts", "payments.ts", "http.ts"])(
    "shows convex/%s exactly as the example has it",
    (file) => {
      expect(readmeFile(`convex/${file}`)).toBe(exampleFile(file));
    },
  );

  it("lists every webhook handler, in core's order", () => {
    const listed = /```text\n([\s\S]*?)```/
      .exec(readme)?.[1]
      ?.split(/,\s*/)
      .map((s) => s.trim());
    expect(listed).toEqual(WEBHOOK_EVENT_TYPES.map(handlerNameFor));
  });
});

// --- The Dodo Payments docs' snippets, as written there ------------------------------------

// convex/dodo.ts
const dodo = new DodoPayments(components.dodopayments, {
  // This function maps your Convex user to a Dodo Payments customer
  // Customize it based on your authentication provider and user database
  identify: async (ctx) => {
    const identity = await ctx.auth.getUserIdentity();
    if (!identity) {
      return null; // User is not logged in
    }

    // Use ctx.runQuery() to lookup user from your database
    const user = await ctx.runQuery(internal.users.getByAuthId, {
      authId: identity.subject,
    });

    if (!user) {
      return null; // User not found in database
    }

    return {
      dodoCustomerId: user.dodoCustomerId, // Replace user.dodoCustomerId with your field storing Dodo Payments customer ID
    };
  },
  apiKey: process.env.DODO_PAYMENTS_API_KEY!,
  environment: process.env.DODO_PAYMENTS_ENVIRONMENT as "test_mode" | "live_mode",
});

// Export the API methods for use in your app
const { checkout, customerPortal } = dodo.api();

// convex/payments.ts
const createCheckout = action({
  args: {
    product_cart: v.array(
      v.object({
        product_id: v.string(),
        quantity: v.number(),
      }),
    ),
    returnUrl: v.optional(v.string()),
  },
  handler: async (ctx, args) => {
    try {
      const session = await checkout(ctx, {
        payload: {
          product_cart: args.product_cart,
          return_url: args.returnUrl,
          billing_currency: "USD",
          feature_flags: {
            allow_discount_code: true,
          },
        },
      });
      if (!session?.checkout_url) {
        throw new Error("Checkout session did not return a checkout_url");
      }
      return session;
    } catch (error) {
      console.error("Failed to create checkout session", error);
      throw new Error("Unable to create checkout session. Please try again.");
    }
  },
});

const getCustomerPortal = action({
  args: {
    send_email: v.optional(v.boolean()),
  },
  handler: async (ctx, args) => {
    try {
      const portal = await customerPortal(ctx, args);
      if (!portal?.portal_url) {
        throw new Error("Customer portal did not return a portal_url");
      }
      return portal;
    } catch (error) {
      console.error("Failed to generate customer portal link", error);
      throw new Error("Unable to generate customer portal link. Please try again.");
    }
  },
});

// convex/http.ts, with the docs' mutations (`internal.webhooks.createPayment` and
// `createSubscription`, app code the docs leave to the reader) recorded instead.
const created: Record<string, unknown>[] = [];
const http = httpRouter();

http.route({
  path: "/dodopayments-webhook",
  method: "POST",
  handler: createDodoWebhookHandler({
    // Handle successful payments
    onPaymentSucceeded: async (ctx, payload) => {
      console.log("🎉 Payment Succeeded!");
      expect(typeof ctx.runMutation).toBe("function");
      created.push({
        paymentId: payload.data.payment_id,
        businessId: payload.business_id,
        customerEmail: payload.data.customer.email,
        amount: payload.data.total_amount,
        currency: payload.data.currency,
        status: payload.data.status,
        webhookPayload: JSON.stringify(payload),
      });
    },

    // Handle subscription activation
    onSubscriptionActive: async (_ctx, payload) => {
      console.log("🎉 Subscription Activated!");
      created.push({
        subscriptionId: payload.data.subscription_id,
        businessId: payload.business_id,
        customerEmail: payload.data.customer.email,
        status: payload.data.status,
        webhookPayload: JSON.stringify(payload),
      });
    },
  }),
});

describe("the Dodo Payments docs' snippets (under convex-test, not a deployed backend)", () => {
  let sim: Simulator;
  let stop: () => Promise<void>;
  beforeAll(async () => {
    ({ sim, stop } = await startDodo());
  });
  afterAll(() => stop());

  /** The example app plus the docs' payments.ts, as `convex/docs.ts`; Ada is signed up. */
  async function app() {
    const t = exampleApp({
      ...appModules,
      "../../../examples/convex/convex/docs.ts": async () => ({
        createCheckout,
        getCustomerPortal,
      }),
    });
    await t.run((ctx) =>
      ctx.db.insert("users", {
        authId: "user_ada",
        email: "ada@example.com",
        dodoCustomerId: "cus_demo",
      }),
    );
    return t;
  }
  const docs = {
    createCheckout: makeFunctionReference<
      "action",
      { product_cart: { product_id: string; quantity: number }[]; returnUrl?: string },
      { checkout_url: string }
    >("docs:createCheckout"),
    getCustomerPortal: makeFunctionReference<
      "action",
      { send_email?: boolean },
      { portal_url: string }
    >("docs:getCustomerPortal"),
  };

  it("createCheckout answers { checkout_url }", async () => {
    const t = await app();
    const session = await t.action(docs.createCheckout, {
      product_cart: [{ product_id: "pdt_demo_onetime", quantity: 1 }],
    });
    expect(session.checkout_url.startsWith(`${sim.url}/session/`)).toBe(true);
  });

  it("getCustomerPortal answers { portal_url } for the signed-in user, and fails without one", async () => {
    const t = await app();
    const portal = await t
      .withIdentity({ subject: "user_ada" })
      .action(docs.getCustomerPortal, { send_email: false });
    expect(portal.portal_url.startsWith(sim.url)).toBe(true);
    // The docs' action catches the 401 and throws its own message.
    await expect(t.action(docs.getCustomerPortal, {})).rejects.toThrow(
      "Unable to generate customer portal link. Please try again.",
    );
    expect(await refusal(t.action((ctx) => customerPortal(ctx, {})))).toMatchObject({
      status: 401,
    });
  });

  it("http.ts hands the typed payloads to the handlers", async () => {
    const t = exampleApp({
      "./convex/_generated/api.js": () =>
        import("../../../examples/convex/convex/_generated/api.js"),
      "./convex/http.ts": async () => ({ default: http }),
    });
    for (const type of ["payment.succeeded", "subscription.active"] as const) {
      const { body, headers } = signedSampleWebhook(type, { webhookKey: sim.webhookKey });
      const response = await t.fetch("/dodopayments-webhook", { method: "POST", headers, body });
      expect(response.status).toBe(200);
    }
    expect(created.map((entry) => Object.keys(entry)[0])).toEqual(["paymentId", "subscriptionId"]);
  });
});
